// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The README's Java snippets are the example mains from their imports on, verbatim, and the mains print what the
 * README says they print; the README's relative links point at files that exist.
 */
class ReadmeExamplesTest {

    private static final Path ROOT = Path.of("..");
    private static final Path EXAMPLES = Path.of("src/main/java/org/pamlearn/examples");

    static Stream<Arguments> examples() {
        return Stream.of(
                Arguments.of("OnlineLearningExample", (Consumer<String[]>) OnlineLearningExample::main,
                        "mean |E|: first 1000 steps 0.474, last 1000 steps 0.080\n"),
                Arguments.of("ZspaceExample", (Consumer<String[]>) ZspaceExample::main,
                        "reflex stable: true\nclosed-loop gain: 1.875\npriming sign: 1\n"),
                Arguments.of("LineFollowerExample", (Consumer<String[]>) LineFollowerExample::main,
                        "success: true after 3468 steps\n"));
    }

    @ParameterizedTest
    @MethodSource("examples")
    void theReadmeQuotesTheExampleVerbatim(String name, Consumer<String[]> main, String printed) throws IOException {
        String source = Files.readString(EXAMPLES.resolve(name + ".java"), StandardCharsets.UTF_8);
        String fromImports = source.substring(source.indexOf("import "));
        assertTrue(javaBlocks().contains(fromImports), name + ".java from its imports on is not a ```java block of"
                + " README.md; copy it there");
    }

    @ParameterizedTest
    @MethodSource("examples")
    void theExamplePrintsWhatTheReadmeSays(String name, Consumer<String[]> main, String printed) {
        String out = run(main);
        assertTrue(out.startsWith(printed), name + " printed:\n" + out);
        assertTrue(readme().contains("`" + printed.lines().findFirst().orElseThrow() + "`"),
                "README.md quotes the first line " + name + " prints");
    }

    @Test
    void everyJavaBlockIsAnExample() throws IOException {
        List<String> sources = new ArrayList<>();
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith("Example.java"))::iterator) {
                String s = Files.readString(f, StandardCharsets.UTF_8);
                sources.add(s.substring(s.indexOf("import ")));
            }
        }
        for (String block : javaBlocks()) {
            assertTrue(sources.contains(block), "README.md has a ```java block that is no example main:\n" + block);
        }
        assertEquals(3, javaBlocks().size(), "java blocks in README.md");
    }

    @Test
    void theReadmeIsShortAndItsLinksExist() {
        String readme = readme();
        assertTrue(readme.lines().count() <= 250, "README.md has " + readme.lines().count() + " lines");
        Matcher m = Pattern.compile("\\]\\(([^)#]+)\\)").matcher(readme);
        int links = 0;
        while (m.find()) {
            String target = m.group(1);
            if (target.startsWith("http")) {
                continue;
            }
            links++;
            assertTrue(Files.exists(ROOT.resolve(target)), "README.md links to " + target + ", which does not exist");
        }
        assertTrue(links > 5, "links checked: " + links);
    }

    private static String readme() {
        try {
            return Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot read README.md", e);
        }
    }

    private static List<String> javaBlocks() {
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(readme());
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    private static String run(Consumer<String[]> main) {
        PrintStream saved = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            main.accept(new String[0]);
        } finally {
            System.setOut(saved);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
