package se.samverkan.query.indicator;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import se.samverkan.query.project.ProjectAccess;
import se.samverkan.platform.security.Caller;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/** GET /api/projects/{p}/indicators: target, total, per year, counted organisations with evidence. */
@RestController
public class IndicatorController {

    private final ProjectAccess access;
    private final Indicators indicators;
    private final Clock clock;

    public IndicatorController(ProjectAccess access, Indicators indicators, Clock clock) {
        this.access = access;
        this.indicators = indicators;
        this.clock = clock;
    }

    @GetMapping("/api/projects/{projectId}/indicators")
    public List<Indicators.Indicator> indicators(@PathVariable String projectId, Caller caller) {
        return indicators.progress(access.requireReadable(caller, projectId), LocalDate.now(clock));
    }
}
