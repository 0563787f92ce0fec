package se.samverkan.query;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The query service's boundaries: read-model features (activity, audit, dashboard, indicator, organisation, pilot,
 * project, notification, pages, security) over the service's platform wiring, which sits on the platform module and
 * the published language (shared-events). Imports only main classes of se.samverkan (the command service is on the
 * test class path only, for the ITs).
 */
@AnalyzeClasses(packages = {"se.samverkan.query", "se.samverkan.platform", "se.samverkan.events"},
        importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    // Static fields initialise in order: the condition must come before the rules that use it.
    static final ArchCondition<JavaClass> BE_USED_ONLY_IN_THEIR_OWN_PACKAGE =
            new ArchCondition<>("be used only by classes of their own package") {
                @Override
                public void check(JavaClass type, ConditionEvents events) {
                    for (Dependency dependency : type.getDirectDependenciesToSelf()) {
                        if (!dependency.getOriginClass().getPackageName().equals(type.getPackageName())) {
                            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                        }
                    }
                }
            };

    @ArchTest
    static final ArchRule packagesAreFreeOfCycles =
            slices().matching("se.samverkan.query.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule notificationPartsAreFreeOfCycles =
            slices().matching("se.samverkan.query.notification.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule theStreamDoesNotReachIntoWebhooks = noClasses()
            .that().resideInAPackage("se.samverkan.query.notification.stream..")
            .should().dependOnClassesThat().resideInAPackage("se.samverkan.query.notification.webhook..");

    @ArchTest
    static final ArchRule webhooksDoNotReachIntoTheStream = noClasses()
            .that().resideInAPackage("se.samverkan.query.notification.webhook..")
            .should().dependOnClassesThat().resideInAPackage("se.samverkan.query.notification.stream..");

    @ArchTest
    static final ArchRule platformStaysBelowTheFeatures = noClasses()
            .that().resideInAPackage("se.samverkan.query.platform..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "se.samverkan.query.activity..", "se.samverkan.query.audit..", "se.samverkan.query.dashboard..",
                    "se.samverkan.query.indicator..", "se.samverkan.query.organisation..", "se.samverkan.query.pilot..",
                    "se.samverkan.query.project..", "se.samverkan.query.notification..", "se.samverkan.query.pages..",
                    "se.samverkan.query.security..");

    @ArchTest
    static final ArchRule sharedModulesKnowNoService = noClasses()
            .that().resideInAnyPackage("se.samverkan.events..", "se.samverkan.platform..")
            .should().dependOnClassesThat().resideInAnyPackage("se.samverkan.command..", "se.samverkan.query..");

    /** Controllers translate HTTP into queries: nothing else calls them. */
    @ArchTest
    static final ArchRule controllersAreOnlyEntryPoints = classes()
            .that().areAnnotatedWith(RestController.class).or().areAnnotatedWith(Controller.class)
            .should().onlyHaveDependentClassesThat().haveNameMatching(".*Controller(\\$.*)?");

    /** A projection writes its read model; other features read through the read model's query class, never the projection. */
    @ArchTest
    static final ArchRule projectionsAreUsedOnlyInTheirOwnFeature = classes()
            .that().haveSimpleNameEndingWith("Projection")
            .should(BE_USED_ONLY_IN_THEIR_OWN_PACKAGE);
}
