package se.samverkan.query.platform.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the provisioned Grafana dashboard: its panels' PromQL and the metric names it asks for. */
final class DashboardQueries {

    static final Path DASHBOARD = Path.of("../ops/grafana/dashboards/samverkan.json");

    /** PromQL words that are not metric names (the functions and keywords the dashboard may use). */
    private static final Set<String> PROMQL_WORDS = Set.of("sum", "max", "min", "avg", "count", "rate", "irate", "increase",
            "histogram_quantile", "clamp_min", "clamp_max", "by", "without", "on", "ignoring", "group_left", "group_right",
            "and", "or", "unless", "offset", "topk", "bottomk", "abs", "delta", "deriv", "time", "vector", "scalar",
            "max_over_time", "min_over_time", "avg_over_time", "e");

    private DashboardQueries() {
    }

    record Target(String panel, String expr) {
    }

    static List<Target> targets(String dashboardJson) {
        JsonNode dashboard;
        try {
            dashboard = new ObjectMapper().readTree(dashboardJson);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Target> targets = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                targets.add(new Target(panel.path("title").asText(), target.path("expr").asText()));
            }
        }
        return targets;
    }

    static Set<String> metricNames(String dashboardJson) {
        Set<String> names = new TreeSet<>();
        targets(dashboardJson).forEach(target -> names.addAll(metricNamesIn(target.expr())));
        return names;
    }

    /** The metric names in one PromQL expression: what is left without strings, label matchers, ranges, groupings, numbers and functions. */
    static Set<String> metricNamesIn(String expr) {
        String bare = expr.replaceAll("\"[^\"]*\"", "")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\b\\d+(\\.\\d+)?(e-?\\d+)?\\b", " ");
        Set<String> names = new TreeSet<>();
        Matcher word = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*").matcher(bare);
        while (word.find()) {
            if (!PROMQL_WORDS.contains(word.group())) {
                names.add(word.group());
            }
        }
        return names;
    }
}
