package dev.tasklane.installers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The GitHub workflows run the commands the README and docs/ give people, not private copies that
 * drift: every {@code ./mvnw} command in a workflow (or in a .ci script a workflow runs) must be a
 * documented one, up to flags that only change output ({@code -B}, {@code -ntp}, {@code -q}) and
 * {@code -D} properties. CI also installs the same Debian packages as {@code .ci/run}.
 */
class WorkflowCommandsTest {

    private static final Path REPOSITORY = Path.of(System.getProperty("tasklane.repository", "..")).toAbsolutePath().normalize();
    private static final Path WORKFLOWS = REPOSITORY.resolve(".github/workflows");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> OUTPUT_FLAGS = Set.of("-B", "--batch-mode", "-ntp", "--no-transfer-progress", "-q", "--quiet");

    @Test
    void everyMavenCommandInTheWorkflowsIsADocumentedCommand() {
        Set<List<String>> documented = documentedMavenCommands();
        assertThat(documented).as("./mvnw commands in README.md and docs/").isNotEmpty();

        List<String> undocumented = new ArrayList<>();
        for (String command : workflowAndScriptMavenCommands()) {
            List<String> essential = essentialTokens(command);
            if (documented.stream().noneMatch(doc -> sameCommand(essential, doc))) {
                undocumented.add(command);
            }
        }
        assertThat(undocumented).as("workflow commands that README.md and docs/ do not give").isEmpty();
    }

    @Test
    void ciRunsTheReadmeTestCommand() {
        List<String> readmeTest = essentialTokens(readmeCommandAfter("Run all tests"));
        assertThat(readmeTest).containsExactly("./mvnw", "verify");
        assertThat(runCommands(WORKFLOWS.resolve("ci.yml")).stream().filter(c -> c.contains("./mvnw")).map(WorkflowCommandsTest::essentialTokens))
                .containsExactly(readmeTest);
        assertThat(mavenCommands(read(REPOSITORY.resolve(".ci/run"))).stream().map(WorkflowCommandsTest::essentialTokens))
                .contains(readmeTest);
    }

    @Test
    void ciInstallsTheSameDebianPackagesAsCiRun() {
        Matcher ciRunPackages = Pattern.compile("(?m)^packages=\\(([^)]*)\\)").matcher(read(REPOSITORY.resolve(".ci/run")));
        assertThat(ciRunPackages.find()).as(".ci/run declares packages=(...)").isTrue();
        Set<String> expected = new LinkedHashSet<>(Arrays.asList(ciRunPackages.group(1).trim().split("\\s+")));

        String install = runCommands(WORKFLOWS.resolve("ci.yml")).stream()
                .filter(c -> c.contains("apt-get install")).findFirst().orElseThrow();
        String afterInstall = install.substring(install.indexOf("apt-get install") + "apt-get install".length());
        Set<String> installed = new LinkedHashSet<>();
        for (String token : afterInstall.trim().split("\\s+")) {
            if (!token.startsWith("-")) {
                installed.add(token);
            }
        }
        assertThat(installed).isEqualTo(expected);
    }

    @Test
    void theInstallersWorkflowTestsTheDebWithTheScriptCiRuns() {
        assertThat(read(REPOSITORY.resolve(".ci/run"))).contains(".ci/installers.sh");
        assertThat(runCommands(WORKFLOWS.resolve("installers.yml"))).anyMatch(c -> c.startsWith(".ci/installers.sh"));
    }

    /** The commands in fenced code blocks of README.md and docs/*.md that start with ./mvnw. */
    private static Set<List<String>> documentedMavenCommands() {
        Set<List<String>> commands = new LinkedHashSet<>();
        List<Path> documents = new ArrayList<>(List.of(REPOSITORY.resolve("README.md")));
        try (Stream<Path> docs = Files.list(REPOSITORY.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(documents::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path document : documents) {
            Matcher block = Pattern.compile("(?s)```[a-z]*\\n(.*?)```").matcher(read(document));
            while (block.find()) {
                mavenCommands(block.group(1)).forEach(c -> commands.add(essentialTokens(c)));
            }
        }
        return commands;
    }

    private static String readmeCommandAfter(String sentence) {
        String readme = read(REPOSITORY.resolve("README.md"));
        Matcher block = Pattern.compile("(?s)```[a-z]*\\n(.*?)```").matcher(readme.substring(readme.indexOf(sentence)));
        assertThat(block.find()).as("a code block after '%s' in README.md", sentence).isTrue();
        return mavenCommands(block.group(1)).getFirst();
    }

    /** Every ./mvnw command the workflows run, directly or through a .ci script they call. */
    private static List<String> workflowAndScriptMavenCommands() {
        List<String> commands = new ArrayList<>();
        try (Stream<Path> files = Files.list(WORKFLOWS)) {
            for (Path workflow : files.filter(p -> p.toString().endsWith(".yml")).sorted().toList()) {
                for (String run : runCommands(workflow)) {
                    commands.addAll(mavenCommands(run));
                    Matcher script = Pattern.compile("(\\.ci/[\\w.-]+\\.sh)").matcher(run);
                    while (script.find()) {
                        commands.addAll(mavenCommands(read(REPOSITORY.resolve(script.group(1)))));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(commands).as("./mvnw commands in the workflows").isNotEmpty();
        return commands;
    }

    private static List<String> runCommands(Path workflow) {
        List<String> runs = new ArrayList<>();
        try {
            JsonNode jobs = YAML.readTree(workflow.toFile()).path("jobs");
            assertThat(jobs.isObject()).as("%s has jobs", workflow).isTrue();
            for (JsonNode job : jobs) {
                for (JsonNode step : job.path("steps")) {
                    if (step.hasNonNull("run")) {
                        runs.add(step.get("run").asText().trim());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return runs;
    }

    /** Lines (joined over trailing backslashes, split at && and ;) that run ./mvnw, minus comments. */
    private static List<String> mavenCommands(String script) {
        List<String> commands = new ArrayList<>();
        for (String line : script.replace("\\\n", " ").split("\n")) {
            String code = line.replaceFirst("\\s+#.*$", "");
            for (String part : code.split("&&|;")) {
                int start = part.indexOf("./mvnw");
                if (start >= 0 && !part.trim().startsWith("#")) {
                    commands.add(part.substring(start).trim());
                }
            }
        }
        return commands;
    }

    private static List<String> essentialTokens(String command) {
        List<String> tokens = new ArrayList<>();
        // A GitHub expression may hold spaces: one token for the comparison below.
        for (String token : command.trim().replaceAll("\\$\\{\\{[^}]*}}", "\\${{}}").split("\\s+")) {
            String bare = token.replace("\"", "").replace("'", "");
            if (bare.isEmpty() || OUTPUT_FLAGS.contains(bare) || bare.startsWith("-D") || bare.equals("$@")
                    || bare.matches("\\$[A-Z_]+")) {
                continue;
            }
            tokens.add(bare);
        }
        return tokens;
    }

    /** Equal token by token; a GitHub expression (${{ ... }}) stands for any one documented token. */
    private static boolean sameCommand(List<String> workflow, List<String> documented) {
        if (workflow.size() != documented.size()) {
            return false;
        }
        for (int i = 0; i < workflow.size(); i++) {
            String token = workflow.get(i);
            boolean expression = token.contains("${{");
            if (!expression && !token.equals(documented.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
