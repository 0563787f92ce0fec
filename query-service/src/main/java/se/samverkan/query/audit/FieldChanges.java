package se.samverkan.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * Field-by-field differences between two states: each leaf value by its path, e.g. {@code answers.revenue.text},
 * in path order. A null or an empty object or array is no value. The two trees are walked side by side and
 * equal subtrees are passed over whole, so a history of thousands of events costs little more than its changes.
 */
final class FieldChanges {

    record FieldChange(String field, JsonNode oldValue, JsonNode newValue) {
    }

    private FieldChanges() {
    }

    static List<FieldChange> between(JsonNode before, JsonNode after) {
        List<FieldChange> changes = new ArrayList<>();
        walk("", before, after, changes);
        changes.sort(Comparator.comparing(FieldChange::field));
        return changes;
    }

    private static void walk(String path, JsonNode before, JsonNode after, List<FieldChange> changes) {
        if (before == after || (before != null && before.equals(after))) {
            return;
        }
        JsonNode oldLeaf = leaf(before);
        JsonNode newLeaf = leaf(after);
        if ((oldLeaf != null || newLeaf != null) && !value(oldLeaf).equals(value(newLeaf))) {
            changes.add(new FieldChange(path, value(oldLeaf), value(newLeaf)));
        }
        if (isObject(before)) {
            for (Iterator<String> names = before.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                walk(child(path, name), before.get(name), isObject(after) ? after.get(name) : null, changes);
            }
        }
        if (isObject(after)) {
            for (Iterator<String> names = after.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!isObject(before) || !before.has(name)) {
                    walk(child(path, name), null, after.get(name), changes);
                }
            }
        }
        int oldSize = isArray(before) ? before.size() : 0;
        int newSize = isArray(after) ? after.size() : 0;
        for (int i = 0; i < Math.max(oldSize, newSize); i++) {
            walk(path + "[" + i + "]", i < oldSize ? before.get(i) : null, i < newSize ? after.get(i) : null, changes);
        }
    }

    private static String child(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** The node when it is a value (not null, not a container), else null. */
    private static JsonNode leaf(JsonNode node) {
        return node == null || node.isNull() || node.isContainerNode() ? null : node;
    }

    private static JsonNode value(JsonNode leaf) {
        return leaf == null ? NullNode.instance : leaf;
    }

    private static boolean isObject(JsonNode node) {
        return node != null && node.isObject();
    }

    private static boolean isArray(JsonNode node) {
        return node != null && node.isArray();
    }
}
