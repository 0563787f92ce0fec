package se.samverkan.query.dashboard;

import org.springframework.stereotype.Component;
import se.samverkan.events.pilot.PilotStatus;
import se.samverkan.query.activity.Activities;
import se.samverkan.query.indicator.Indicators;
import se.samverkan.query.pilot.Pilots;
import se.samverkan.query.project.Projects;
import se.samverkan.platform.security.Caller;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Puts the read models together as the dashboard and the portfolio show them. */
@Component
public class DashboardQuery {

    static final int RECENT_CHANGES = 20;

    public record Dashboard(Projects.Header project, long lastEventIndex, List<Projects.WorkPackage> workPackages,
                            List<Indicators.Indicator> indicators, Activities.Summary activities,
                            Activities.Participation participation, PilotSummary pilots,
                            EngagedOrganisations organisationsEngaged, List<RecentChanges.Change> recentChanges,
                            List<Alerts.Alert> alerts) {
    }

    public record PilotSummary(Map<String, Integer> byStatus, List<PilotItem> items) {
    }

    public record PilotItem(String id, String name, PilotStatus status, LocalDate includedOn, Integer members) {
    }

    public record EngagedOrganisations(int count, List<Indicators.EngagedOrganisation> items) {
    }

    /** A line of the portfolio: the project, a few counts, its indicators in brief and its alerts. */
    public record PortfolioEntry(String id, String caseId, String name, String programme, LocalDate periodStart,
                                 LocalDate periodEnd, Projects.Beneficiary beneficiary, Counts counts,
                                 List<IndicatorInBrief> indicators, List<Alerts.Alert> alerts) {
    }

    public record Counts(int partners, int workPackages, int delayedWorkPackages, int activities, int pilots, int indicators) {
    }

    public record IndicatorInBrief(String code, String name, String unit, BigDecimal target, BigDecimal total,
                                   BigDecimal expectedByNow, boolean behind) {
    }

    private final Projects projects;
    private final Activities activities;
    private final Pilots pilots;
    private final Indicators indicators;
    private final RecentChanges recentChanges;
    private final Clock clock;

    public DashboardQuery(Projects projects, Activities activities, Pilots pilots, Indicators indicators,
                          RecentChanges recentChanges, Clock clock) {
        this.projects = projects;
        this.activities = activities;
        this.pilots = pilots;
        this.indicators = indicators;
        this.recentChanges = recentChanges;
        this.clock = clock;
    }

    public Dashboard dashboard(Projects.Project project) {
        LocalDate today = LocalDate.now(clock);
        String projectId = project.id();
        // read first, so that lastEventIndex never claims more than what the figures below contain
        long lastEventIndex = recentChanges.lastEventIndex(projectId);
        List<Projects.WorkPackage> workPackages = projects.workPackages(projectId, today);
        List<Indicators.Indicator> progress = indicators.progress(project, today);
        List<Pilots.Pilot> pilotList = pilots.list(projectId);
        Map<String, Integer> byStatus = new TreeMap<>();
        pilotList.forEach(pilot -> byStatus.merge(pilot.status().name(), 1, Integer::sum));
        List<Indicators.EngagedOrganisation> engaged = indicators.engagedOrganisations(projectId);
        return new Dashboard(projects.header(project), lastEventIndex, workPackages, progress, activities.summary(projectId),
                activities.participation(projectId),
                new PilotSummary(byStatus, pilotList.stream().map(pilot -> new PilotItem(pilot.id(), pilot.name(),
                        pilot.status(), pilot.includedOn(), pilot.members())).toList()),
                new EngagedOrganisations(engaged.size(), engaged),
                recentChanges.latest(projectId, RECENT_CHANGES),
                Alerts.of(workPackages, progress));
    }

    /** The projects the caller may read, each in brief. */
    public List<PortfolioEntry> portfolio(Caller caller) {
        LocalDate today = LocalDate.now(clock);
        return projects.all().stream().filter(project -> caller.canRead(project.id())).map(project -> {
            Projects.Header header = projects.header(project);
            List<Projects.WorkPackage> workPackages = projects.workPackages(project.id(), today);
            List<Indicators.Indicator> progress = indicators.progress(project, today);
            Counts counts = new Counts(header.partners().size(), workPackages.size(),
                    (int) workPackages.stream().filter(Projects.WorkPackage::delayed).count(),
                    activities.summary(project.id()).total(), pilots.list(project.id()).size(), progress.size());
            return new PortfolioEntry(project.id(), project.caseId(), project.name(), project.programme(),
                    project.periodStart(), project.periodEnd(), header.beneficiary(), counts,
                    progress.stream().map(i -> new IndicatorInBrief(i.code(), i.name(), i.unit(), i.target(), i.total(),
                            i.expectedByNow(), i.behind())).toList(),
                    Alerts.of(workPackages, progress));
        }).toList();
    }
}
