package se.samverkan.query.activity;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import se.samverkan.query.organisation.OrganisationRef;
import se.samverkan.query.organisation.Organisations;
import se.samverkan.query.project.Projects;

import java.sql.Array;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Reads meetings and workshops: the list with filters, and the dashboard's counts. */
@Component
public class Activities {

    public record Participation(int women, int men, int other, int total) {
        static Participation of(int women, int men, int other) {
            return new Participation(women, men, other, women + men + other);
        }
    }

    public record Activity(String id, String type, String kind, int workPackage, LocalDate date, String title,
                           String targetGroup, List<OrganisationRef> organisations, Participation participants,
                           String notes, String outcome, boolean cancelled, String cancellationReason) {
    }

    public record WorkPackageCount(int workPackage, int meetings, int workshops, Map<String, Integer> byKind) {
    }

    public record MonthCount(String month, int workPackage, int count) {
    }

    /** Counts of held activities; cancelled ones are only counted under {@code cancelled}. */
    public record Summary(int total, int meetings, int workshops, int cancelled, List<WorkPackageCount> byWorkPackage,
                          List<MonthCount> byMonth) {
    }

    /** Optional filters of the list; null means no filter. Dates are inclusive. */
    public record Filter(Integer workPackage, LocalDate from, LocalDate to) {
        public static final Filter NONE = new Filter(null, null, null);
    }

    private record Row(String id, String type, String kind, int workPackage, LocalDate date, String title, String targetGroup,
                       List<String> organisations, Participation participants, String notes, String outcome,
                       boolean cancelled, String cancellationReason) {
    }

    private final JdbcTemplate jdbc;
    private final Organisations organisations;

    public Activities(JdbcTemplate jdbc, Organisations organisations) {
        this.jdbc = jdbc;
        this.organisations = organisations;
    }

    /** Meetings and workshops in date order, cancelled ones included (marked). */
    public List<Activity> list(String projectId, Filter filter) {
        List<Row> rows = jdbc.query("""
                SELECT * FROM activity WHERE project_id = ?
                  AND (?::int IS NULL OR work_package = ?::int)
                  AND (?::date IS NULL OR held_on >= ?::date)
                  AND (?::date IS NULL OR held_on <= ?::date)
                ORDER BY held_on, event_index""",
                (rs, i) -> new Row(rs.getString("activity_id"), rs.getString("activity_type"), rs.getString("kind"),
                        rs.getInt("work_package"), Projects.localDate(rs, "held_on"), rs.getString("title"),
                        rs.getString("target_group"), strings(rs.getArray("organisations")),
                        Participation.of(rs.getInt("participants_women"), rs.getInt("participants_men"),
                                rs.getInt("participants_other")),
                        rs.getString("notes"), rs.getString("outcome"), rs.getBoolean("cancelled"),
                        rs.getString("cancellation_reason")),
                projectId, filter.workPackage(), filter.workPackage(), filter.from(), filter.from(), filter.to(), filter.to());
        Set<String> named = new HashSet<>();
        rows.forEach(row -> named.addAll(row.organisations()));
        Map<String, OrganisationRef> known = organisations.byNumbers(named);
        return rows.stream().map(row -> new Activity(row.id(), row.type(), row.kind(), row.workPackage(), row.date(),
                row.title(), row.targetGroup(), row.organisations().stream().map(known::get).toList(), row.participants(),
                row.notes(), row.outcome(), row.cancelled(), row.cancellationReason())).toList();
    }

    public Summary summary(String projectId) {
        int[] meetingsAndWorkshops = new int[2];
        int[] cancelled = new int[1];
        Map<Integer, int[]> perWorkPackage = new TreeMap<>();
        Map<Integer, Map<String, Integer>> kindsPerWorkPackage = new TreeMap<>();
        Map<String, Map<Integer, Integer>> perMonth = new TreeMap<>();
        jdbc.query("SELECT activity_type, kind, work_package, held_on, cancelled FROM activity WHERE project_id = ?", rs -> {
            if (rs.getBoolean("cancelled")) {
                cancelled[0]++;
                return;
            }
            int workPackage = rs.getInt("work_package");
            boolean meeting = ActivityProjection.MEETING.equals(rs.getString("activity_type"));
            meetingsAndWorkshops[meeting ? 0 : 1]++;
            perWorkPackage.computeIfAbsent(workPackage, n -> new int[2])[meeting ? 0 : 1]++;
            Map<String, Integer> kinds = kindsPerWorkPackage.computeIfAbsent(workPackage, n -> new TreeMap<>());
            if (meeting) {
                kinds.merge(rs.getString("kind"), 1, Integer::sum);
            }
            String month = Projects.localDate(rs, "held_on").toString().substring(0, 7);
            perMonth.computeIfAbsent(month, m -> new TreeMap<>()).merge(workPackage, 1, Integer::sum);
        }, projectId);
        List<WorkPackageCount> byWorkPackage = new ArrayList<>();
        perWorkPackage.forEach((workPackage, counts) -> byWorkPackage.add(
                new WorkPackageCount(workPackage, counts[0], counts[1], kindsPerWorkPackage.get(workPackage))));
        List<MonthCount> byMonth = new ArrayList<>();
        perMonth.forEach((month, counts) -> counts.forEach((workPackage, count) ->
                byMonth.add(new MonthCount(month, workPackage, count))));
        return new Summary(meetingsAndWorkshops[0] + meetingsAndWorkshops[1], meetingsAndWorkshops[0], meetingsAndWorkshops[1],
                cancelled[0], byWorkPackage, byMonth);
    }

    /** Participants of held activities, by gender. */
    public Participation participation(String projectId) {
        return jdbc.queryForObject("""
                SELECT coalesce(sum(participants_women), 0) AS women, coalesce(sum(participants_men), 0) AS men,
                       coalesce(sum(participants_other), 0) AS other
                FROM activity WHERE project_id = ? AND NOT cancelled""",
                (rs, i) -> Participation.of(rs.getInt("women"), rs.getInt("men"), rs.getInt("other")), projectId);
    }

    static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
