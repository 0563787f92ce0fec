package se.samverkan.command.organisation;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import se.samverkan.command.platform.lookups.LookupRebuild;
import se.samverkan.command.platform.ImmutableRowCache;
import se.samverkan.events.OrgNumber;
import se.samverkan.events.OrganisationCategory;
import se.samverkan.events.organisation.OrganisationRegistered;

import java.util.Optional;

/** {@link OrganisationDirectory} in PostgreSQL, kept in the transaction of each registration. */
@Component
@ProcessingGroup("organisation-lookup")
public class OrganisationLookup implements OrganisationDirectory {

    private final JdbcTemplate jdbc;
    /** A registration is never changed in this table: every meeting and workshop checks its organisations here. */
    private final ImmutableRowCache<OrgNumber, KnownOrganisation> known = new ImmutableRowCache<>();

    public OrganisationLookup(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Before a rebuild from the event store (LookupRebuild). */
    @ResetHandler
    void reset() {
        LookupRebuild.empty(jdbc, "organisation");
    }

    @EventHandler
    void on(OrganisationRegistered event) {
        jdbc.update("INSERT INTO organisation (organisation_id, org_number, name, country, category) VALUES (?, ?, ?, ?, ?)",
                event.organisationId(), event.orgNumber().value(), event.name(), event.country().name(), event.category().name());
    }

    @Override
    public Optional<KnownOrganisation> find(OrgNumber orgNumber) {
        return known.find(orgNumber, this::read);
    }

    private Optional<KnownOrganisation> read(OrgNumber orgNumber) {
        return jdbc.query("SELECT organisation_id, org_number, name, category FROM organisation WHERE org_number = ?",
                (rs, i) -> new KnownOrganisation(rs.getString("organisation_id"), OrgNumber.of(rs.getString("org_number")),
                        rs.getString("name"), OrganisationCategory.valueOf(rs.getString("category"))),
                orgNumber.value()).stream().findFirst();
    }
}
