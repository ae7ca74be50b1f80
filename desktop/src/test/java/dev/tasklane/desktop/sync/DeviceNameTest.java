package dev.tasklane.desktop.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DeviceNameTest {

    private final Path standard = Path.of("/home/ada/.local/share/tasklane");

    @Test
    void theUsualDataFolderGivesTheComputersName() {
        assertThat(DeviceName.of("laptop", standard, standard)).isEqualTo("Tasklane on laptop");
    }

    @Test
    void twoProfilesOnOneComputerGetDifferentNames() {
        String work = DeviceName.of("laptop", Path.of("/home/ada/tasklane-work"), standard);
        String home = DeviceName.of("laptop", Path.of("/home/ada/tasklane-home/"), standard);

        assertThat(work).isEqualTo("Tasklane on laptop (tasklane-work)");
        assertThat(home).isEqualTo("Tasklane on laptop (tasklane-home)");
    }
}
