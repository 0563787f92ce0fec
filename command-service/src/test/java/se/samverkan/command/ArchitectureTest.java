package se.samverkan.command;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.axonframework.spring.stereotype.Aggregate;
import org.springframework.web.bind.annotation.RestController;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The command service's boundaries: features (activity, organisation, pilot, project, report, security, scenario)
 * over a small shared kernel (common) and the service's platform wiring, which itself sits on the platform module
 * and the published language (shared-events).
 */
@AnalyzeClasses(packages = "se.samverkan", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] FEATURES = {
            "se.samverkan.command.activity..", "se.samverkan.command.organisation..", "se.samverkan.command.pilot..",
            "se.samverkan.command.project..", "se.samverkan.command.report..", "se.samverkan.command.security..",
            "se.samverkan.command.scenario.."};

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
            slices().matching("se.samverkan.command.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule platformStaysBelowTheFeatures = noClasses()
            .that().resideInAnyPackage("se.samverkan.command.platform..", "se.samverkan.command.common..")
            .should().dependOnClassesThat().resideInAnyPackage(FEATURES);

    @ArchTest
    static final ArchRule sharedModulesKnowNoService = noClasses()
            .that().resideInAnyPackage("se.samverkan.events..", "se.samverkan.platform..")
            .should().dependOnClassesThat().resideInAnyPackage("se.samverkan.command..", "se.samverkan.query..");

    @ArchTest
    static final ArchRule thePublishedLanguageIsPlainJava = noClasses()
            .that().resideInAPackage("se.samverkan.events..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "se.samverkan.platform..",
                    "jakarta..", "java.sql..");

    /** Controllers only translate HTTP into typed commands: nothing else calls them. */
    @ArchTest
    static final ArchRule controllersAreOnlyEntryPoints = classes()
            .that().areAnnotatedWith(RestController.class)
            .should().onlyHaveDependentClassesThat().haveNameMatching(".*Controller(\\$.*)?");

    /** Aggregates own the rules and know nothing of HTTP or SQL; cross-aggregate facts come from the lookups. */
    @ArchTest
    static final ArchRule aggregatesKnowNoHttpOrSql = noClasses()
            .that().areAnnotatedWith(Aggregate.class)
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..", "org.springframework.http..",
                    "org.springframework.jdbc..", "jakarta.servlet..", "java.sql..");

    /** A feature sends another feature's aggregate commands; it never touches the aggregate itself. */
    @ArchTest
    static final ArchRule aggregatesAreUsedOnlyInTheirOwnFeature = classes()
            .that().areAnnotatedWith(Aggregate.class)
            .should(BE_USED_ONLY_IN_THEIR_OWN_PACKAGE);
}
