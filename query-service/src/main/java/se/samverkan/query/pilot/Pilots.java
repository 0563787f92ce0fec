package se.samverkan.query.pilot;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import se.samverkan.events.pilot.PilotStatus;
import se.samverkan.query.organisation.OrganisationRef;
import se.samverkan.query.organisation.Organisations;
import se.samverkan.query.project.Projects;

import java.sql.Array;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads the pilots of a project. */
@Component
public class Pilots {

    public record Pilot(String id, String name, String challenge, OrganisationRef proposedBy, Instant proposedAt,
                        PilotStatus status, LocalDate includedOn, Integer members, List<OrganisationRef> workingGroup,
                        LocalDate concludedOn, String outcome, LocalDate withdrawnOn, String withdrawalReason) {
    }

    private record Row(String id, String name, String challenge, String proposedBy, Instant proposedAt, PilotStatus status,
                       LocalDate includedOn, Integer members, List<String> workingGroup, LocalDate concludedOn,
                       String outcome, LocalDate withdrawnOn, String withdrawalReason) {
    }

    private final JdbcTemplate jdbc;
    private final Organisations organisations;

    public Pilots(JdbcTemplate jdbc, Organisations organisations) {
        this.jdbc = jdbc;
        this.organisations = organisations;
    }

    public List<Pilot> list(String projectId) {
        List<Row> rows = jdbc.query("SELECT * FROM pilot WHERE project_id = ? ORDER BY proposed_at, pilot_id", (rs, i) -> {
            Array workingGroup = rs.getArray("working_group");
            return new Row(rs.getString("pilot_id"), rs.getString("name"), rs.getString("challenge"),
                    rs.getString("proposed_by_org_number"), rs.getTimestamp("proposed_at").toInstant(),
                    PilotStatus.valueOf(rs.getString("status")),
                    Projects.localDate(rs, "included_on"), (Integer) rs.getObject("members"),
                    workingGroup == null ? List.of() : Arrays.asList((String[]) workingGroup.getArray()),
                    Projects.localDate(rs, "concluded_on"), rs.getString("outcome"), Projects.localDate(rs, "withdrawn_on"),
                    rs.getString("withdrawal_reason"));
        }, projectId);
        Set<String> named = new HashSet<>();
        rows.forEach(row -> {
            named.addAll(row.workingGroup());
            if (row.proposedBy() != null) {
                named.add(row.proposedBy());
            }
        });
        var known = organisations.byNumbers(named);
        return rows.stream().map(row -> new Pilot(row.id(), row.name(), row.challenge(),
                row.proposedBy() == null ? null : known.get(row.proposedBy()), row.proposedAt(), row.status(),
                row.includedOn(), row.members(), row.workingGroup().stream().map(known::get).toList(), row.concludedOn(),
                row.outcome(), row.withdrawnOn(), row.withdrawalReason())).toList();
    }
}
