package org.losslab.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers of DESIGN.md as rules: each layer may use only those below it, and only the ui touches JavaFX or
 * JFreeChart. A violation names the offending dependency.
 */
class LayerRulesTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.losslab");
    }

    @Test
    void layersOnlyUseLayersBelowThem() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true)
                .layer("launcher").definedBy("org.losslab")
                .layer("ui").definedBy("org.losslab.ui..")
                .layer("cli").definedBy("org.losslab.cli..")
                .layer("lesson").definedBy("org.losslab.lesson..")
                .layer("surface").definedBy("org.losslab.surface..")
                .layer("optim").definedBy("org.losslab.optim..")
                .layer("problem").definedBy("org.losslab.problem..")
                .layer("kernel").definedBy("org.losslab.kernel..")
                .whereLayer("launcher").mayNotBeAccessedByAnyLayer()
                .whereLayer("ui").mayOnlyBeAccessedByLayers("launcher")
                .whereLayer("cli").mayOnlyBeAccessedByLayers("launcher", "ui")
                .whereLayer("lesson").mayOnlyBeAccessedByLayers("launcher", "ui", "cli")
                .whereLayer("surface").mayOnlyBeAccessedByLayers("launcher", "ui", "cli", "lesson")
                .whereLayer("optim").mayOnlyBeAccessedByLayers("launcher", "ui", "cli", "lesson", "surface")
                .whereLayer("problem")
                .mayOnlyBeAccessedByLayers("launcher", "ui", "cli", "lesson", "surface", "optim")
                .because("every view, optimizer and command shares one library of kernels below them (DESIGN.md)")
                .check(classes);
    }

    @Test
    void onlyTheUiTouchesJavaFxOrJFreeChart() {
        noClasses().that().resideOutsideOfPackages("org.losslab.ui..", "org.losslab")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.jfree..", "java.awt..")
                .because("kernels, math and commands must run headless and be testable without a toolkit")
                .check(classes);
    }

    @Test
    void kernelsDependOnNothingButTheJdk() {
        noClasses().that().resideInAPackage("org.losslab.kernel..")
                .should().dependOnClassesThat().resideOutsideOfPackages("org.losslab.kernel..", "java..")
                .because("the kernel library has no dependency at all (DESIGN.md)")
                .check(classes);
    }
}
