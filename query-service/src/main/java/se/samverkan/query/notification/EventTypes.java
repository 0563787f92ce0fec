package se.samverkan.query.notification;

import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;
import se.samverkan.events.ProjectEvent;

import java.util.Set;
import java.util.TreeSet;

/**
 * The event types a subscription may name: the simple names of the event records of shared-events
 * that belong to a project (they are {@link ProjectEvent}s), the only ones ever delivered.
 */
@Component
public class EventTypes {

    private static final String EVENTS_PACKAGE = "se.samverkan.events";
    private final Set<String> names;

    public EventTypes() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(ProjectEvent.class));
        Set<String> found = new TreeSet<>();
        scanner.findCandidateComponents(EVENTS_PACKAGE).forEach(candidate -> {
            Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), getClass().getClassLoader());
            if (type.isRecord()) {
                found.add(type.getSimpleName());
            }
        });
        if (found.isEmpty()) {
            throw new IllegalStateException("no project event records found in " + EVENTS_PACKAGE);
        }
        this.names = Set.copyOf(found);
    }

    public boolean contains(String name) {
        return names.contains(name);
    }

    public Set<String> names() {
        return new TreeSet<>(names);
    }
}
