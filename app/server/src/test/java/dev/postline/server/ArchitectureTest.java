package dev.postline.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module rules of DESIGN.md, checked on the compiled production classes of every module on
 * this (the runnable server's) classpath. Each message says how to fix a violation.
 */
class ArchitectureTest {

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.postline");
    }

    @Test
    void theCoreNeverDependsOnAConcreteConnectorOrOnOuterModules() {
        noClasses().that().resideInAPackage("dev.postline.core..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.postline.connectors.imap..",
                        "dev.postline.connectors.gmail..", "dev.postline.connectors.graph..", "dev.postline.tenantadmin..",
                        "dev.postline.server..")
                .because("the core talks to providers only through dev.postline.connectors.api; move the code into "
                        + "the connector module, or add what the core needs to the SPI")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void theConnectorApiHasNoVendorOrFrameworkImports() {
        noClasses().that().resideInAPackage("dev.postline.connectors.api..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.mail..", "org.eclipse.angus..",
                        "com.google.api.services.gmail..", "com.microsoft.aad.msal4j..", "io.micronaut..",
                        "dev.postline.core..")
                .because("the SPI must stay plain Java; vendor types belong inside their connector module")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void connectorImplementationsDependOnlyOnTheApi() {
        noClasses().that().resideInAnyPackage("dev.postline.connectors.imap..", "dev.postline.connectors.gmail..",
                        "dev.postline.connectors.graph..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.postline.core..", "dev.postline.tenantadmin..",
                        "dev.postline.server..")
                .because("a connector depends only on dev.postline.connectors.api; pass what it needs through SessionContext")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void vendorMailSdksStayInsideTheirConnector() {
        noClasses().that().resideOutsideOfPackage("dev.postline.connectors.imap..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.mail..", "org.eclipse.angus..")
                .because("jakarta.mail is the IMAP connector's business; use connectors.api types elsewhere")
                .allowEmptyShould(true)
                .check(classes);
        noClasses().that().resideOutsideOfPackage("dev.postline.connectors.gmail..")
                .should().dependOnClassesThat().resideInAPackage("com.google.api.services.gmail..")
                .because("the Gmail client belongs inside connectors/gmail")
                .allowEmptyShould(true)
                .check(classes);
        noClasses().that().resideOutsideOfPackage("dev.postline.connectors.graph..")
                .should().dependOnClassesThat().resideInAPackage("com.microsoft.aad.msal4j..")
                .because("MSAL belongs inside connectors/graph (behind the token service's interface)")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void repositoriesAreUsedOnlyByServicesOfTheCore() {
        noClasses().that().resideOutsideOfPackage("dev.postline.core..")
                // Postline's own data repositories; a framework's (Micronaut's CsrfTokenRepository) is not one.
                .should().dependOnClassesThat(com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith("Repository")
                        .and(com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage("dev.postline..")))
                .because("repositories are the core's; go through a service, which takes the tenant and opens the "
                        + "tenant transaction (TenantTransactions)")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void theProviderDoublesAreForTestsOnly() {
        noClasses().that().resideOutsideOfPackages("dev.postline.connectors.gmaildouble..", "dev.postline.connectors.graphdouble..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.postline.connectors.gmaildouble..",
                        "dev.postline.connectors.graphdouble..")
                .because("the Gmail and Graph doubles stand in for the providers in tests; production code talks to the real "
                        + "APIs through the connectors (point a touchpoint's apiRootUrl/baseUrl at a double in tests instead)")
                .allowEmptyShould(true)
                .check(classes);
    }
}
