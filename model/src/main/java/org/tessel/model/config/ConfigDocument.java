package org.tessel.model.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * One config file, parsed defensively: size, nesting depth and YAML aliases are limited before
 * anything is built, so a hostile file (alias bomb, absurd nesting, huge input) is refused
 * quickly instead of expanded.
 *
 * @param file the file as the user named it
 * @param kind the kind stated in its {@code kind:} field
 * @param root the whole document
 */
public record ConfigDocument(Path file, ConfigKind kind, ConfigNode root) {

    /** Largest config file accepted; real configs are a few hundred KB at most. */
    static final long MAX_BYTES = 8L * 1024 * 1024;
    /** Deepest nesting accepted; real configs nest five levels deep. */
    static final int MAX_DEPTH = 32;

    private static final ObjectMapper MAPPER = createMapper();

    private static ObjectMapper createMapper() {
        LoaderOptions loader = new LoaderOptions();
        loader.setMaxAliasesForCollections(0);
        loader.setNestingDepthLimit(MAX_DEPTH);
        loader.setCodePointLimit((int) MAX_BYTES);
        loader.setAllowDuplicateKeys(false);
        YAMLFactory factory = YAMLFactory.builder()
                .loaderOptions(loader)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                .build();
        factory.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        return new ObjectMapper(factory);
    }

    /**
     * Reads and parses {@code file}.
     *
     * @throws ConfigException if the file is missing, unreadable, empty, too large, not YAML,
     *     uses aliases, nests too deeply, or does not state a known kind
     */
    public static ConfigDocument read(Path file) {
        String text = readText(file);
        JsonNode tree = parse(file, text);
        ConfigNode root = ConfigNode.root(file, tree);
        if (!tree.isObject()) {
            throw root.error("a config file must be a mapping of fields starting with 'kind:'");
        }
        ConfigNode kindNode = root.find("kind").orElseThrow(() -> root.error(
                "missing field 'kind' (one of: " + ConfigKind.accepted() + ")"));
        String kindName = kindNode.text();
        ConfigKind kind = ConfigKind.fromFileName(kindName).orElseThrow(() -> kindNode.error(
                "unknown kind '" + kindName + "' (one of: " + ConfigKind.accepted() + ")"));
        return new ConfigDocument(file, kind, root);
    }

    /**
     * The document's root, checked to be of the expected kind.
     *
     * @throws ConfigException if the file is of another kind
     */
    public ConfigNode rootOf(ConfigKind expected) {
        if (kind != expected) {
            throw root.get("kind").error("expected a file of kind '" + expected.fileName() + "', this one is '"
                    + kind.fileName() + "'");
        }
        return root;
    }

    private static String readText(Path file) {
        try {
            if (Files.isDirectory(file)) {
                throw new ConfigException(file, "", "is a directory, not a config file");
            }
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new ConfigException(file, "", "is " + size + " bytes; config files are limited to " + MAX_BYTES);
            }
            String text = Files.readString(file);
            if (text.isBlank()) {
                throw new ConfigException(file, "", "is empty");
            }
            return text;
        } catch (NoSuchFileException e) {
            throw new ConfigException(file, "", "no such file");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new ConfigException(file, "", "is not UTF-8 text");
        } catch (IOException e) {
            throw new ConfigException(file, "", "cannot be read: " + e.getMessage());
        }
    }

    /** Jackson's complaint about a YAML non-finite number ({@code .nan}, {@code -.inf}, ...). */
    private static final Pattern NON_FINITE = Pattern.compile("Malformed numeric value '([+-]?\\.(?:nan|NaN|NAN|inf|Inf|INF))'");

    private static JsonNode parse(Path file, String text) {
        // First pass over the token stream refuses aliases: Jackson would otherwise turn an alias
        // into a string holding the anchor's name, and the file would fail later with a puzzling message.
        try (JsonParser p = MAPPER.getFactory().createParser(text)) {
            while (p.nextToken() != null) {
                if (p instanceof YAMLParser y && y.isCurrentAlias()) {
                    throw new ConfigException(file, fieldPath(p.getParsingContext()),
                            "YAML aliases are not allowed in config files (*" + p.getText() + ", line "
                            + p.currentLocation().getLineNr() + ")");
                }
            }
        } catch (StreamConstraintsException e) {
            // The file is valid YAML; only our depth limit refuses it, so say that rather than "not valid YAML".
            throw new ConfigException(file, "", "nests deeper than " + MAX_DEPTH + " levels" + at(e));
        } catch (JsonProcessingException e) {
            throw invalid(file, e);
        } catch (IOException e) {
            throw new ConfigException(file, "", "cannot be parsed: " + oneLine(e.getMessage()));
        } catch (RuntimeException e) {
            if (e instanceof ConfigException ce) {
                throw ce;
            }
            // SnakeYAML reports its own limits (nesting, size) as unchecked exceptions.
            throw new ConfigException(file, "", "is not acceptable YAML: " + oneLine(e.getMessage()));
        }
        try {
            JsonNode tree = MAPPER.readTree(text);
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                throw new ConfigException(file, "", "is empty");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw invalid(file, e);
        }
    }

    private static ConfigException invalid(Path file, JsonProcessingException e) {
        // .nan and .inf are valid YAML that Jackson 2 cannot read as numbers; no field takes them anyway
        Matcher m = NON_FINITE.matcher(String.valueOf(e.getOriginalMessage()));
        if (m.find() && e.getProcessor() instanceof JsonParser p) {
            return new ConfigException(file, fieldPath(p.getParsingContext()), "must be a finite number, got " + m.group(1)
                    + at(e));
        }
        return new ConfigException(file, "", "is not valid YAML: " + problem(e));
    }

    /** The path of the parser's position in {@link ConfigNode}'s notation, e.g. {@code layers[3].loops}. */
    private static String fieldPath(JsonStreamContext context) {
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                path.insert(0, "[" + Math.max(c.getCurrentIndex(), 0) + "]");
            } else if (c.getCurrentName() != null) {
                path.insert(0, (c.getParent() == null || c.getParent().inRoot() ? "" : ".") + c.getCurrentName());
            }
        }
        return path.toString();
    }

    private static String problem(JsonProcessingException e) {
        // SnakeYAML's own message spans lines and quotes source snippets; keep only what and where.
        if (e.getCause() instanceof MarkedYAMLException m && m.getProblem() != null) {
            String context = m.getContext() == null ? "" : oneLine(m.getContext()) + at(m.getContextMark()) + ": ";
            return context + oneLine(m.getProblem()) + at(m.getProblemMark());
        }
        return oneLine(e.getOriginalMessage()) + at(e);
    }

    private static String at(Mark mark) {
        return mark == null ? "" : " (line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ")";
    }

    private static String at(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "unknown problem";
        }
        String line = s.strip().replaceAll("\\s+", " ");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
