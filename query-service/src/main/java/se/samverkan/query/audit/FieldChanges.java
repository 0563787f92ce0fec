package se.samverkan.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Field-by-field differences between two states: each leaf value by its path, e.g. {@code answers.revenue.text}. */
final class FieldChanges {

    record FieldChange(String field, JsonNode oldValue, JsonNode newValue) {
    }

    private FieldChanges() {
    }

    static List<FieldChange> between(JsonNode before, JsonNode after) {
        Map<String, JsonNode> old = flatten(before);
        Map<String, JsonNode> now = flatten(after);
        Set<String> fields = new TreeSet<>(old.keySet());
        fields.addAll(now.keySet());
        List<FieldChange> changes = new ArrayList<>();
        for (String field : fields) {
            JsonNode a = old.getOrDefault(field, NullNode.instance);
            JsonNode b = now.getOrDefault(field, NullNode.instance);
            if (!Objects.equals(a, b)) {
                changes.add(new FieldChange(field, a, b));
            }
        }
        return changes;
    }

    static Map<String, JsonNode> flatten(JsonNode node) {
        Map<String, JsonNode> leaves = new TreeMap<>();
        flatten("", node, leaves);
        return leaves;
    }

    private static void flatten(String path, JsonNode node, Map<String, JsonNode> leaves) {
        if (node == null || node.isNull()) {
            return;
        }
        if (node.isObject() && !node.isEmpty()) {
            node.fields().forEachRemaining(field ->
                    flatten(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), leaves));
        } else if (node.isArray() && !node.isEmpty()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(path + "[" + i + "]", node.get(i), leaves);
            }
        } else if (!node.isContainerNode()) {
            leaves.put(path, node);
        }
    }
}
