package se.samverkan.command.platform;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.AppendEventsStatementBuilder;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.JdbcEventStorageEngineStatements;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.TimestampWriter;
import org.axonframework.serialization.Serializer;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.OptionalLong;

/**
 * Axon's own insert of the events (its statement, its bindings: the bytes the hash chain covers), with the global
 * index of each row returned by the insert itself ({@code RETURNING global_index}, JDBC's generated keys), so
 * that a command's {@code Samverkan-Position} needs no second statement. Axon's engine closes the statement
 * right after running it, so the index is read as the batch runs and handed to the appending thread through
 * {@link #takeLastInserted()}.
 */
final class PositionReturningAppend implements AppendEventsStatementBuilder {

    private static final ThreadLocal<Long> LAST_INSERTED = new ThreadLocal<>();

    /** The global index of the last row this thread's last append inserted, once; empty if it is not known. */
    static OptionalLong takeLastInserted() {
        Long last = LAST_INSERTED.get();
        LAST_INSERTED.remove();
        return last == null ? OptionalLong.empty() : OptionalLong.of(last);
    }

    @Override
    public PreparedStatement build(Connection connection, EventSchema schema, Class<?> dataType,
                                   List<? extends EventMessage<?>> events, Serializer serializer,
                                   TimestampWriter timestampWriter) throws SQLException {
        LAST_INSERTED.remove();
        String[] returned = {schema.globalIndexColumn()};
        Connection returningKeys = delegating(Connection.class, connection, (method, args) ->
                method.getName().equals("prepareStatement") && args != null && args.length == 1 && args[0] instanceof String sql
                        ? connection.prepareStatement(sql, returned) : null);
        PreparedStatement insert = JdbcEventStorageEngineStatements.appendEvents(returningKeys, schema, dataType, events,
                serializer, timestampWriter);
        return delegating(PreparedStatement.class, insert, (method, args) -> {
            if (!method.getName().equals("executeBatch") || (args != null && args.length > 0)) {
                return null;
            }
            int[] counts = insert.executeBatch();
            long last = -1;
            try (ResultSet keys = insert.getGeneratedKeys()) {
                while (keys.next()) {
                    last = Math.max(last, keys.getLong(1));
                }
            }
            if (last >= 0) {
                LAST_INSERTED.set(last);
            }
            return counts;
        });
    }

    /** One method of a JDBC object answered differently (when {@code substitute} answers non-null), the rest as they are. */
    private interface Substitute {
        Object apply(Method method, Object[] args) throws SQLException;
    }

    private static <T> T delegating(Class<T> type, T target, Substitute substitute) {
        return type.cast(Proxy.newProxyInstance(PositionReturningAppend.class.getClassLoader(), new Class<?>[]{type},
                (proxy, method, args) -> {
                    Object overridden = substitute.apply(method, args);
                    if (overridden != null) {
                        return overridden;
                    }
                    try {
                        return method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        // the SQLException itself, so that Axon recognises a duplicate key as a concurrency conflict
                        throw e.getCause();
                    }
                }));
    }
}
