package local;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local AWS resources declared in {@code local-aws/resources.yaml} (the catalogue) plus any
 * {@code local-aws/resources-*.yaml} fragments and extra files (tests' demo resources), with every
 * {@code {{property}}} placeholder resolved against the application's local configuration.
 */
public record LocalResources(List<Bucket> buckets, List<Queue> queues, List<Table> tables, List<Topic> topics,
                             List<Activity> activities, List<StateMachine> stateMachines, List<TryIt> tryIt,
                             List<SeedObject> objects) {

    /** A bucket; with {@code notify}, the local notifier sends S3 ObjectCreated events for it to that queue. */
    public record Bucket(String name, String notifyQueue) {
    }

    /** A queue (FIFO when the name ends in {@code .fifo}), with an optional dead-letter queue and redrive policy. */
    public record Queue(String name, String deadLetter, int maxReceiveCount, Integer visibilityTimeout,
                        boolean contentBasedDeduplication) {
        public boolean fifo() {
            return name.endsWith(".fifo");
        }
    }

    public record Key(String name, String type) {
    }

    /** A PAY_PER_REQUEST table with a hash key, an optional range key and an optional TTL attribute. */
    public record Table(String name, Key hashKey, Key rangeKey, String ttl) {
    }

    /** An SNS topic and the SQS queues subscribed to it (raw message delivery). */
    public record Topic(String name, List<String> subscribers) {
    }

    public record Activity(String name) {
    }

    /** A state machine; {@code definition} is its ASL file (placeholders resolved in it too). */
    public record StateMachine(String name, Path definition) {
    }

    /** An object put into a bucket when it is not there yet (seed data for a pipeline's example); file is local. */
    public record SeedObject(String bucket, String key, Path file) {
    }

    /** One line of the local run's "try it" help. */
    public record TryIt(String pipeline, String text) {
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^}:]+)(?::([^}]*))?}}");

    /** The catalogue {@code resources.yaml} and the {@code resources-*.yaml} fragments next to it, in that order. */
    public static List<Path> catalogue(Path localAwsDir) {
        List<Path> files = new ArrayList<>();
        Path main = localAwsDir.resolve("resources.yaml");
        if (Files.exists(main)) {
            files.add(main);
        }
        TreeSet<Path> fragments = new TreeSet<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(localAwsDir, "resources-*.yaml")) {
            dir.forEach(fragments::add);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + localAwsDir, e);
        }
        files.addAll(fragments);
        return files;
    }

    /**
     * Reads and merges {@code files} (sections concatenated; a name declared twice keeps its first declaration).
     * A state machine's {@code definition} is relative to the folder of the file that declares it.
     */
    public static LocalResources load(List<Path> files, Function<String, String> properties) {
        Merger merger = new Merger(properties);
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("Resources file not found: " + file);
            }
            merger.add(file);
        }
        return merger.result();
    }

    /**
     * The application's local configuration as the app sees it: application.properties overlaid with
     * application-local.properties (from the classpath), then environment variables (upper case, dots and dashes as
     * underscores), system properties and finally {@code overrides}.
     */
    public static Function<String, String> localProperties(Map<String, String> overrides) {
        Properties files = new Properties();
        for (String name : List.of("application.properties", "application-local.properties")) {
            try (InputStream in = LocalResources.class.getClassLoader().getResourceAsStream(name)) {
                if (in != null) {
                    Properties one = new Properties();
                    one.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
                    files.putAll(one);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + name, e);
            }
        }
        return key -> {
            if (overrides.containsKey(key)) {
                return overrides.get(key);
            }
            String value = System.getProperty(key);
            if (value == null) {
                value = System.getenv(key.toUpperCase().replace('.', '_').replace('-', '_'));
            }
            return value != null ? value : files.getProperty(key);
        };
    }

    /** Replaces {@code {{key}}} / {@code {{key:default}}}; an unknown key is an error naming it and {@code where}. */
    public static String resolve(String text, Function<String, String> properties, String where) {
        return resolve(text, properties, where, 0);
    }

    /** Property values may hold placeholders themselves ({@code es-{{stage}}-data-inbox}), as Camel allows. */
    private static String resolve(String text, Function<String, String> properties, String where, int depth) {
        if (text == null) {
            return null;
        }
        if (depth > 10) {
            throw new IllegalArgumentException("Placeholders nested too deep (a cycle?) in " + where + ": " + text);
        }
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String key = matcher.group(1).trim();
            String value = properties.apply(key);
            if (value == null || value.isBlank()) {
                value = matcher.group(2);
            }
            if (value == null) {
                throw new IllegalArgumentException("Property '" + key + "' used in " + where
                        + " is not set in application.properties / application-local.properties");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(resolve(value, properties, where, depth + 1)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** Concatenates the sections of several files; a name declared twice keeps its first declaration. */
    private static final class Merger {
        private final Function<String, String> properties;
        private final Map<String, Bucket> buckets = new LinkedHashMap<>();
        private final Map<String, Queue> queues = new LinkedHashMap<>();
        private final Map<String, Table> tables = new LinkedHashMap<>();
        private final Map<String, Topic> topics = new LinkedHashMap<>();
        private final Map<String, Activity> activities = new LinkedHashMap<>();
        private final Map<String, StateMachine> stateMachines = new LinkedHashMap<>();
        private final List<TryIt> tryIt = new ArrayList<>();
        private final List<SeedObject> objects = new ArrayList<>();
        private Path file;

        Merger(Function<String, String> properties) {
            this.properties = properties;
        }

        void add(Path file) {
            this.file = file;
            Object root;
            try {
                root = new Load(LoadSettings.builder().setLabel(file.toString()).build())
                        .loadFromString(Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + file, e);
            }
            if (root == null) {
                return;
            }
            if (!(root instanceof Map<?, ?> sections)) {
                throw new IllegalArgumentException(file + ": expected sections buckets/queues/tables/topics/...");
            }
            for (Map.Entry<?, ?> section : sections.entrySet()) {
                String sectionName = String.valueOf(section.getKey());
                for (Map<?, ?> entry : entries(sectionName, section.getValue())) {
                    switch (sectionName) {
                        case "buckets" -> putOnce(buckets, new Bucket(required(entry, "name"), optional(entry, "notify")), Bucket::name);
                        case "queues" -> queue(entry);
                        case "tables" -> putOnce(tables, new Table(required(entry, "name"), key(entry, "hashKey", true),
                                key(entry, "rangeKey", false), optional(entry, "ttl")), Table::name);
                        case "topics" -> putOnce(topics, new Topic(required(entry, "name"), list(entry, "subscribers")), Topic::name);
                        case "activities" -> putOnce(activities, new Activity(required(entry, "name")), Activity::name);
                        case "stateMachines" -> putOnce(stateMachines, new StateMachine(required(entry, "name"),
                                file.toAbsolutePath().getParent().resolve(required(entry, "definition"))), StateMachine::name);
                        case "tryIt" -> tryIt.add(new TryIt(required(entry, "pipeline"), required(entry, "text")));
                        case "objects" -> objects.add(new SeedObject(required(entry, "bucket"), required(entry, "key"),
                                file.toAbsolutePath().getParent().resolve(required(entry, "file"))));
                        default -> throw new IllegalArgumentException(file + ": unknown section '" + sectionName
                                + "' (known: buckets, queues, tables, topics, activities, stateMachines, tryIt, objects)");
                    }
                }
            }
        }

        private void queue(Map<?, ?> entry) {
            String maxReceive = optional(entry, "maxReceiveCount");
            String visibility = optional(entry, "visibilityTimeout");
            putOnce(queues, new Queue(required(entry, "name"), optional(entry, "deadLetter"),
                    maxReceive == null ? 5 : Integer.parseInt(maxReceive),
                    visibility == null ? null : Integer.valueOf(visibility),
                    Boolean.parseBoolean(optional(entry, "contentBasedDeduplication"))), Queue::name);
        }

        private <T> void putOnce(Map<String, T> map, T value, Function<T, String> name) {
            map.putIfAbsent(name.apply(value), value);
        }

        private List<Map<?, ?>> entries(String section, Object value) {
            if (value == null) {
                return List.of();
            }
            if (!(value instanceof List<?> list)) {
                throw new IllegalArgumentException(file + ": section '" + section + "' must be a list");
            }
            List<Map<?, ?>> out = new ArrayList<>();
            for (Object item : list) {
                if (!(item instanceof Map<?, ?> map)) {
                    throw new IllegalArgumentException(file + ": every entry of '" + section + "' must be a mapping");
                }
                out.add(map);
            }
            return out;
        }

        private String required(Map<?, ?> entry, String field) {
            String value = optional(entry, field);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(file + ": an entry lacks '" + field + "': " + entry);
            }
            return value;
        }

        private String optional(Map<?, ?> entry, String field) {
            Object value = entry.get(field);
            return value == null ? null : resolve(String.valueOf(value), properties, file + " (" + field + ")");
        }

        private List<String> list(Map<?, ?> entry, String field) {
            Object value = entry.get(field);
            if (value == null) {
                return List.of();
            }
            if (!(value instanceof List<?> items)) {
                throw new IllegalArgumentException(file + ": '" + field + "' must be a list");
            }
            return items.stream().map(i -> resolve(String.valueOf(i), properties, file + " (" + field + ")")).toList();
        }

        private Key key(Map<?, ?> entry, String field, boolean required) {
            Object value = entry.get(field);
            if (value == null) {
                if (required) {
                    throw new IllegalArgumentException(file + ": table " + entry.get("name") + " lacks '" + field + "'");
                }
                return null;
            }
            if (!(value instanceof Map<?, ?> key)) {
                throw new IllegalArgumentException(file + ": '" + field + "' must be {name: ..., type: S|N|B}");
            }
            String type = key.get("type") == null ? "S" : String.valueOf(key.get("type"));
            return new Key(required(key, "name"), type);
        }

        LocalResources result() {
            return new LocalResources(List.copyOf(buckets.values()), List.copyOf(queues.values()),
                    List.copyOf(tables.values()), List.copyOf(topics.values()), List.copyOf(activities.values()),
                    List.copyOf(stateMachines.values()), List.copyOf(tryIt), List.copyOf(objects));
        }
    }
}
