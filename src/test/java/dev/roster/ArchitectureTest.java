package dev.roster;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameStartingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The layering rules of DESIGN.md, checked on the compiled classes so that the build fails when one is broken. */
class ArchitectureTest {

    private static final List<String> FEATURES = List.of(
            "organization",
            "auth",
            "user",
            "role",
            "audit",
            "mail",
            "invitation",
            "imports",
            "login",
            "idempotency",
            "ratelimit",
            "webhook",
            "directory",
            "oidc",
            "sso",
            "compat.recomly",
            "compat.entryguard",
            "compat.flatfile",
            "compat.polytomic",
            "compat.aptly",
            "scim",
            "console");

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.roster");

    @Test
    void controllersNeverTouchRepositories() {
        noClasses()
                .that()
                .haveSimpleNameEndingWith("Controller")
                .should()
                .dependOnClassesThat()
                .haveSimpleNameStartingWith("Jdbc")
                .check(CLASSES);
    }

    @Test
    void noFeatureReachesIntoAnotherFeaturesControllersOrRepositories() {
        for (String feature : FEATURES) {
            String inside = "dev.roster." + feature + "..";
            noClasses()
                    .that()
                    .resideOutsideOfPackage(inside)
                    .should()
                    .dependOnClassesThat(resideInAPackage(inside)
                            .and(simpleNameStartingWith("Jdbc").or(simpleNameEndingWith("Controller"))))
                    .check(CLASSES);
        }
    }

    @Test
    void featuresDependOnEachOtherWithoutCycles() {
        slices().matching("dev.roster.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void nothingDependsOnACompatibilitySurface() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.roster.compat..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.roster.compat..")
                .check(CLASSES);
    }

    @Test
    void compatibilitySurfacesDoNotDependOnEachOther() {
        slices().matching("dev.roster.compat.(*)..")
                .should()
                .notDependOnEachOther()
                .check(CLASSES);
    }

    @Test
    void sharedKnowsNoFeature() {
        noClasses()
                .that()
                .resideInAPackage("dev.roster.shared..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        FEATURES.stream().map(f -> "dev.roster." + f + "..").toArray(String[]::new))
                .check(CLASSES);
    }
}
