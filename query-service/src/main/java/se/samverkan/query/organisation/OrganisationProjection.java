package se.samverkan.query.organisation;

import se.samverkan.query.platform.replay.ReadModel;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import se.samverkan.query.platform.ProjectionWrites;
import se.samverkan.events.organisation.OrganisationRegistered;

/** Organisation names and categories, which the other read models join at query time. */
@Component
@ProcessingGroup("organisations")
public class OrganisationProjection implements ReadModel {

    private final JdbcTemplate jdbc;
    private final ProjectionWrites writes;

    public OrganisationProjection(JdbcTemplate jdbc, ProjectionWrites writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    @EventHandler
    void on(OrganisationRegistered event) {
        writes.update("""
                INSERT INTO organisation (org_number, organisation_id, name, country, category) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (org_number) DO UPDATE SET organisation_id = EXCLUDED.organisation_id, name = EXCLUDED.name,
                    country = EXCLUDED.country, category = EXCLUDED.category""",
                event.orgNumber().value(), event.organisationId(), event.name(), event.country().name(), event.category().name());
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE organisation");
    }
}
