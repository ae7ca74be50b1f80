import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites every jar in a folder with its entries stored, not deflated. The installers compress the
 * whole app (xz in the .deb): stored class files compress to about half of what already-deflated
 * jars do (3 MB less in the .deb), and classes load without inflating. Entry order, names, times
 * and the manifest stay as they were. Run as a source file: java StoreJars.java FOLDER
 */
public final class StoreJars {

    public static void main(String[] args) throws IOException {
        List<Path> jars;
        try (Stream<Path> files = Files.list(Path.of(args[0]))) {
            jars = files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
        long before = 0;
        long after = 0;
        for (Path jar : jars) {
            before += Files.size(jar);
            Path stored = jar.resolveSibling(jar.getFileName() + ".stored");
            try (ZipFile in = new ZipFile(jar.toFile());
                 OutputStream file = Files.newOutputStream(stored);
                 ZipOutputStream out = new ZipOutputStream(file)) {
                for (ZipEntry entry : in.stream().toList()) {
                    byte[] bytes = in.getInputStream(entry).readAllBytes();
                    CRC32 crc = new CRC32();
                    crc.update(bytes);
                    ZipEntry copy = new ZipEntry(entry.getName());
                    copy.setMethod(ZipEntry.STORED);
                    copy.setSize(bytes.length);
                    copy.setCompressedSize(bytes.length);
                    copy.setCrc(crc.getValue());
                    copy.setTime(entry.getTime());
                    out.putNextEntry(copy);
                    out.write(bytes);
                    out.closeEntry();
                }
            }
            Files.move(stored, jar, StandardCopyOption.REPLACE_EXISTING);
            after += Files.size(jar);
        }
        System.out.printf("stored %d jars: %,d -> %,d bytes%n", jars.size(), before, after);
    }
}
