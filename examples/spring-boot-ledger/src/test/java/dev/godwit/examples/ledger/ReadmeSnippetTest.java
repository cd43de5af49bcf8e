package dev.godwit.examples.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** README's Spring Boot snippet is this application's configuration, so the tests that start it exercise it. */
class ReadmeSnippetTest {

    @org.junit.jupiter.api.Test
    void theReadmesSpringBootPropertiesAreTheExamplesOwn() throws Exception {
        String readme = Files.readString(Path.of("../../README.md"));
        int section = readme.indexOf("#### Spring Boot");
        assertThat(section).as("README's Spring Boot section").isNotNegative();
        int start = readme.indexOf("```properties\n", section) + "```properties\n".length();
        List<String> snippet = readme.substring(start, readme.indexOf("```", start)).lines()
                .filter(l -> !l.isBlank()).toList();
        List<String> own = Files.readAllLines(Path.of("src/main/resources/application.properties"));
        assertThat(snippet).isNotEmpty();
        assertThat(own).containsAll(snippet);
    }
}
