package se.samverkan.query.platform.metrics;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The provisioned dashboard names only documented metrics (the table in docs/metrics.md). That they are
 * really exposed is checked against live scrapes of both services in {@link QueryServiceMetricsIT}.
 */
class GrafanaDashboardTest {

    @Test
    void everyPanelQueriesOnlyDocumentedMetrics() throws Exception {
        String dashboard = Files.readString(DashboardQueries.DASHBOARD);
        String documentation = Files.readString(Path.of("../docs/metrics.md"));
        List<DashboardQueries.Target> targets = DashboardQueries.targets(dashboard);
        assertThat(targets).hasSizeGreaterThanOrEqualTo(10);
        for (DashboardQueries.Target target : targets) {
            Set<String> names = DashboardQueries.metricNamesIn(target.expr());
            assertThat(names).as("metrics in panel '%s': %s", target.panel(), target.expr()).isNotEmpty();
            for (String name : names) {
                assertThat(documented(documentation, name))
                        .as("panel '%s' asks for %s, which the metrics table of docs/metrics.md does not list", target.panel(), name).isTrue();
            }
        }
    }

    /** Listed as itself, or as a timer's base name with that series' suffix beside it: `x_seconds` (`_count`, ...). */
    private static boolean documented(String documentation, String name) {
        if (documentation.contains("| `" + name + "`")) {
            return true;
        }
        Matcher series = Pattern.compile("(.+)(_count|_sum|_max|_bucket)").matcher(name);
        return series.matches() && Pattern.compile("\\| `" + Pattern.quote(series.group(1)) + "` \\([^)]*`" + series.group(2) + "`")
                .matcher(documentation).find();
    }

    @Test
    void theNameFinderSkipsFunctionsLabelsRangesAndGroupings() {
        assertThat(DashboardQueries.metricNamesIn(
                "histogram_quantile(0.95, sum by (le, type) (rate(samverkan_commands_seconds_bucket{outcome=\"success\"}[$__rate_interval])))"
                        + " / clamp_min(sum(rate(http_server_requests_seconds_count[5m])), 1e-9)"))
                .containsExactlyInAnyOrder("samverkan_commands_seconds_bucket", "http_server_requests_seconds_count");
    }
}
