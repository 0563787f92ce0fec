package se.samverkan.command.platform;

import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.ref.SoftReference;
import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The aggregates this instance wrote last, for Axon's caching repository (the aggregates with long histories name
 * it in {@code @Aggregate(cache = ...)}), so that a command does not load a report or a project from its snapshot
 * and the events after it again. Several command-service instances may write one aggregate: a remembered
 * aggregate is used only while its version is still the last sequence number in the store (one indexed read
 * instead of the snapshot and the events), else it is forgotten and Axon loads it from the store. Axon removes an
 * aggregate when its unit of work rolls back, so only committed states are used. Entries are held softly, so a
 * full heap empties the memory rather than the other way round.
 */
public final class StoreCheckedAggregateCache implements Cache {

    private static final Logger log = LoggerFactory.getLogger(StoreCheckedAggregateCache.class);
    /** The version an entry was cached at; Axon 4 keeps it in a private field with no getter. */
    private static final Field VERSION = versionField();

    private final EventStorageEngine store;
    private final Map<Object, SoftReference<Object>> entries;

    public StoreCheckedAggregateCache(EventStorageEngine store, int capacity) {
        this.store = store;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, SoftReference<Object>> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Object entry = remembered(key);
        if (entry == null) {
            return null;
        }
        Long version = versionOf(entry);
        Optional<Long> stored = store.lastSequenceNumberFor(key.toString());
        if (version == null || !Objects.equals(version, stored.orElse(null))) {
            // another instance wrote it meanwhile (or the entry cannot tell): load it from the store
            remove(key);
            return null;
        }
        return (V) entry;
    }

    private synchronized Object remembered(Object key) {
        SoftReference<Object> reference = entries.get(key);
        Object entry = reference == null ? null : reference.get();
        if (reference != null && entry == null) {
            entries.remove(key);
        }
        return entry;
    }

    @Override
    public synchronized void put(Object key, Object value) {
        if (VERSION != null && value instanceof AggregateCacheEntry<?>) {
            entries.put(key, new SoftReference<>(value));
        }
    }

    @Override
    public synchronized boolean putIfAbsent(Object key, Object value) {
        if (remembered(key) != null) {
            return false;
        }
        put(key, value);
        return true;
    }

    @Override
    public synchronized boolean remove(Object key) {
        return entries.remove(key) != null;
    }

    @Override
    public synchronized void removeAll() {
        entries.clear();
    }

    @Override
    public synchronized boolean containsKey(Object key) {
        return remembered(key) != null;
    }

    /** Nothing listens: the caching repository registers no listeners. */
    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        return () -> true;
    }

    private static Long versionOf(Object entry) {
        try {
            return (Long) VERSION.get(entry);
        } catch (IllegalAccessException | RuntimeException e) {
            return null;
        }
    }

    private static Field versionField() {
        try {
            Field field = AggregateCacheEntry.class.getDeclaredField("version");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException | RuntimeException e) {
            log.warn("Axon's AggregateCacheEntry has no version field to check entries against the store;"
                    + " aggregates are loaded from the store every time ({})", e.toString());
            return null;
        }
    }
}
