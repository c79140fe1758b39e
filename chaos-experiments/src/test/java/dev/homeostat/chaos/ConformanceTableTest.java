package dev.homeostat.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.chaos.crd.ConformanceTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The conformance table in README.md is the one the schemas render, so it cannot drift from the code. To refresh it
 * after changing a schema: {@code mvn -B -q -pl chaos-experiments -am test -Dtest=ConformanceTableTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dconformance.update=true}.
 */
class ConformanceTableTest {
    private static final Path README = Path.of("README.md");
    private static final String BEGIN = "<!-- conformance-table:begin (rendered by ConformanceTable; see ConformanceTableTest) -->\n";
    private static final String END = "<!-- conformance-table:end -->";

    @Test
    void readme_holdsTheTableTheSchemasRender() throws IOException {
        String readme = Files.readString(README);
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        assertThat(begin).as("README.md has the conformance markers").isNotNegative();
        assertThat(end).isGreaterThan(begin);
        String rendered = ConformanceTable.render();
        String current = readme.substring(begin + BEGIN.length(), end);
        if (Boolean.getBoolean("conformance.update") && !current.equals(rendered)) {
            Files.writeString(README, readme.substring(0, begin + BEGIN.length()) + rendered + readme.substring(end));
            return;
        }
        assertThat(current).as("README.md's conformance table is stale; refresh it with -Dconformance.update=true").isEqualTo(rendered);
    }

    @Test
    void table_namesEveryFieldOfEverySupportedSpec() {
        String rendered = ConformanceTable.render();
        for (var kind : dev.homeostat.chaos.crd.ChaosMeshKinds.experiments())
            for (String path : ConformanceTable.paths(kind.spec())) assertThat(rendered).as(kind.name()).contains("| `" + path + "` |");
        for (String path : ConformanceTable.paths(dev.homeostat.chaos.crd.SelectorSchema.SELECTOR)) assertThat(rendered).contains("| `" + path + "` |");
    }
}
