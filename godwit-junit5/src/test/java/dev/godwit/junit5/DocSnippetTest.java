package dev.godwit.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The snippet of docs/junit5.md is {@link ReadmeExampleTest}, word for word from {@code @GodwitTest} on (the class's
 * name aside), so the documented example is the one that runs.
 */
class DocSnippetTest {

    @Test
    void docsJunit5SnippetIsTheExampleThatRuns() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "junit5.md"));
        Matcher m = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(doc);
        assertThat(m.find()).as("a java example in docs/junit5.md").isTrue();
        String test = Files.readString(Path.of("src", "test", "java", "dev", "godwit", "junit5",
                "ReadmeExampleTest.java"));

        assertThat(fromAnnotation(m.group(1)).replace("AccountsTest", "ReadmeExampleTest"))
                .isEqualTo(fromAnnotation(test));
    }

    private static String fromAnnotation(String source) {
        return source.substring(source.indexOf("@GodwitTest")).strip();
    }
}
