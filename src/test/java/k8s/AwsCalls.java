package k8s;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The AWS SDK operations compiled code calls, read from the class files' constant pools (every method a class calls,
 * lambdas and method references included, is a Methodref there): {@code s3:GetObject}-style names, as
 * {@code <client package>:<Operation>} before the IAM mapping ({@link IamActions}).
 */
final class AwsCalls {
    private static final String SDK = "software/amazon/awssdk/services/";
    /** Client methods that are not service operations. */
    private static final Set<String> NOT_OPERATIONS = Set.of("builder", "create", "close", "serviceName", "serviceClientConfiguration",
            "utilities", "waiter", "<init>");

    private AwsCalls() {
    }

    /** Operations called by the classes of {@code packageDir} (e.g. target/classes/routes/uploads), not its sub-packages. */
    static Set<String> inPackage(Path packageDir) {
        Set<String> out = new TreeSet<>();
        if (!Files.isDirectory(packageDir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(packageDir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    out.addAll(operations(in));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Operations called by a class and its nested classes, read from the jar that holds it. */
    static Set<String> inClass(Class<?> type) {
        Set<String> out = new TreeSet<>();
        String prefix = type.getName().replace('.', '/');
        try (JarFile jar = new JarFile(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toFile())) {
            for (JarEntry entry : jar.stream().toList()) {
                if (entry.getName().equals(prefix + ".class") || entry.getName().startsWith(prefix + "$")) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        out.addAll(operations(in));
                    }
                }
            }
        } catch (IOException | java.net.URISyntaxException e) {
            throw new IllegalStateException("Cannot read " + type.getName() + "'s jar", e);
        }
        return out;
    }

    /** The SDK client operations among one class file's method references: "sqs:ReceiveMessage". */
    static Set<String> operations(InputStream classFile) throws IOException {
        DataInputStream in = new DataInputStream(classFile);
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[] classNames = new int[count];
        int[][] refs = new int[count][];
        int[][] nameAndTypes = new int[count][];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++; // takes two slots
                }
                case 7 -> classNames[i] = in.readUnsignedShort();
                case 8, 16, 19, 20 -> in.readUnsignedShort();
                case 9 -> {
                    in.readUnsignedShort();
                    in.readUnsignedShort();
                }
                case 10, 11 -> refs[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
                case 12 -> nameAndTypes[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                case 17, 18 -> {
                    in.readUnsignedShort();
                    in.readUnsignedShort();
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        Set<String> out = new TreeSet<>();
        for (int[] ref : refs) {
            if (ref == null) {
                continue;
            }
            String owner = utf8[classNames[ref[0]]];
            String method = utf8[nameAndTypes[ref[1]][0]];
            if (owner.startsWith(SDK) && owner.endsWith("Client") && !NOT_OPERATIONS.contains(method)) {
                String service = owner.substring(SDK.length(), owner.indexOf('/', SDK.length()));
                String operation = method.endsWith("Paginator") ? method.substring(0, method.length() - "Paginator".length()) : method;
                out.add(service + ":" + Character.toUpperCase(operation.charAt(0)) + operation.substring(1));
            }
        }
        return out;
    }

    /** The SDK client package of each service name used in aws.health.services. */
    static final Map<String, Set<String>> CLIENT_PACKAGES = Map.of(
            "s3", Set.of("s3"), "sqs", Set.of("sqs"), "dynamodb", Set.of("dynamodb"), "sns", Set.of("sns"),
            "ses", Set.of("ses", "sesv2"), "sfn", Set.of("sfn"));
}
