package se.samverkan.command.organisation;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.samverkan.platform.web.ConflictException;
import se.samverkan.command.common.RuleViolation;
import se.samverkan.command.organisation.Organisation.RegisterOrganisation;
import se.samverkan.events.Country;
import se.samverkan.events.OrgNumber;
import se.samverkan.events.OrganisationCategory;
import se.samverkan.events.organisation.OrganisationRegistered;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

class OrganisationTest {

    private final Map<OrgNumber, OrganisationDirectory.KnownOrganisation> registered = new HashMap<>();
    private AggregateTestFixture<Organisation> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Organisation.class);
        OrganisationDirectory directory = orgNumber -> Optional.ofNullable(registered.get(orgNumber));
        fixture.registerInjectableResource(directory);
    }

    @Test
    void registersASwedishOrganisation() {
        OrgNumber number = OrgNumber.of("769604-7237");
        fixture.givenNoPriorActivity()
                .when(new RegisterOrganisation("coompanion", number, "Coompanion Värmland", Country.SE, OrganisationCategory.CIVIL_SOCIETY))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new OrganisationRegistered("coompanion", number, "Coompanion Värmland", Country.SE, OrganisationCategory.CIVIL_SOCIETY));
    }

    @Test
    void registersANorwegianOrganisation() {
        OrgNumber number = OrgNumber.of("974760673");
        fixture.givenNoPriorActivity()
                .when(new RegisterOrganisation("brreg", number, "Brønnøysundregistrene", Country.NO, OrganisationCategory.PUBLIC_SECTOR))
                .expectEvents(new OrganisationRegistered("brreg", number, "Brønnøysundregistrene", Country.NO, OrganisationCategory.PUBLIC_SECTOR));
    }

    @Test
    void refusesACountryThatDoesNotMatchTheNumber() {
        fixture.givenNoPriorActivity()
                .when(new RegisterOrganisation("x", OrgNumber.of("974760673"), "X", Country.SE, OrganisationCategory.OTHER))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("country is SE but 974760673 is a Norwegian organisation number")
                .expectNoEvents();
    }

    @Test
    void refusesANumberRegisteredUnderAnotherId() {
        OrgNumber number = OrgNumber.of("769604-7237");
        registered.put(number, new OrganisationDirectory.KnownOrganisation("first", number, "First", OrganisationCategory.OTHER));
        fixture.givenNoPriorActivity()
                .when(new RegisterOrganisation("second", number, "Second", Country.SE, OrganisationCategory.OTHER))
                .expectException(ConflictException.class)
                .expectNoEvents();
    }
}
