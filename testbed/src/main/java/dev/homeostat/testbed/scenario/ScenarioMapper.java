package dev.homeostat.testbed.scenario;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.homeostat.simulator.spec.HpaSpec;
import dev.homeostat.simulator.spec.IntOrPercent;
import dev.homeostat.units.GoDuration;
import dev.homeostat.units.Quantity;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The Jackson mapper of scenario YAML and the one-line messages of its errors. Types are strict: a count or a seed
 * is a whole number (2.7, "3" and 1Ki are refused, not rounded or read as bytes); memory and byte rates are Kubernetes
 * quantities ({@code 512Mi}); CPU is cores or millicores ({@code 500m}); durations carry a unit. Messages name the
 * type in words, never a Java class.
 */
final class ScenarioMapper {
    private ScenarioMapper() { }

    static ObjectMapper create() {
        var module = new SimpleModule("homeostat-scenario");
        module.addDeserializer(Duration.class, new JsonDeserializer<>() {
            @Override public Duration deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                if (p.currentToken() != JsonToken.VALUE_STRING)
                    throw JsonMappingException.from(p, "a duration must be written with its unit, e.g. 30s, 5m, 1h30m");
                try {
                    return GoDuration.parse(p.getText());
                } catch (IllegalArgumentException ex) {
                    throw JsonMappingException.from(p, ex.getMessage());
                }
            }
        });
        JsonDeserializer<Long> bytes = new JsonDeserializer<>() {
            @Override public Long deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                if (p.currentToken().isNumeric()) {
                    BigDecimal v = p.getDecimalValue();
                    if (v.stripTrailingZeros().scale() > 0) throw JsonMappingException.from(p, v.toPlainString() + " is not a whole number of bytes; give bytes or a quantity such as 512Mi");
                    return exactLong(p, v);
                }
                try {
                    return Quantity.parseBytes(p.getText());
                } catch (IllegalArgumentException | ArithmeticException ex) {
                    throw JsonMappingException.from(p, ex.getMessage() == null ? "'" + p.getText() + "' is not a quantity such as 512Mi" : ex.getMessage());
                }
            }
        };
        JsonDeserializer<Double> cpu = new JsonDeserializer<>() {
            @Override public Double deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                if (p.currentToken().isNumeric()) return p.getDoubleValue();
                try {
                    return Quantity.parseCpu(p.getText());
                } catch (IllegalArgumentException ex) {
                    throw JsonMappingException.from(p, ex.getMessage());
                }
            }
        };
        module.addDeserializer(IntOrPercent.class, new IntOrPercentDeserializer());
        module.addDeserializer(HpaSpec.class, new JsonDeserializer<>() {
            @Override public HpaSpec deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                return ctx.readValue(p, HpaEntry.class).spec();
            }
        });
        module.addDeserializer(Long.class, bytes);
        module.addDeserializer(long.class, bytes);
        module.addDeserializer(Double.class, cpu);
        module.addDeserializer(double.class, cpu);
        var mapper = new ObjectMapper(new YAMLFactory())
                .registerModule(module)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        return mapper;
    }

    /** A pod count where Kubernetes takes an IntOrString: a whole number ({@code 1}) or a percentage ({@code 25%}). */
    private static final class IntOrPercentDeserializer extends JsonDeserializer<IntOrPercent> {
        @Override public IntOrPercent deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            try {
                return switch (p.currentToken()) {
                    case VALUE_NUMBER_INT -> IntOrPercent.of(p.getDecimalValue().intValueExact());
                    case VALUE_STRING -> IntOrPercent.parse(p.getText());
                    case START_ARRAY, START_OBJECT -> throw JsonMappingException.from(p, "expected a count of pods such as 1 or a percentage such as 25%, not "
                            + (p.currentToken() == JsonToken.START_ARRAY ? "a list" : "a mapping"));
                    default -> throw JsonMappingException.from(p, "'" + p.getText() + "' is neither a count of pods nor a percentage;"
                            + " write a whole number such as 1, or a percentage such as 25%");
                };
            } catch (ArithmeticException e) {
                throw JsonMappingException.from(p, p.getText() + " is out of range; a count of pods is at most " + Integer.MAX_VALUE);
            } catch (IllegalArgumentException e) {
                throw JsonMappingException.from(p, e.getMessage());
            }
        }
    }

    /** A seed: a whole number in the range of a long, never a quantity. */
    static final class StrictLong extends JsonDeserializer<Long> {
        @Override public Long deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT)
                throw JsonMappingException.from(p, "'" + p.getText() + "' is not a whole number; give an integer such as 42");
            return exactLong(p, p.getDecimalValue());
        }
    }

    private static long exactLong(JsonParser p, BigDecimal v) throws JsonMappingException {
        try {
            return v.longValueExact();
        } catch (ArithmeticException e) {
            throw JsonMappingException.from(p, v.toPlainString() + " is out of range; at most " + Long.MAX_VALUE);
        }
    }

    private static final Pattern BACKTICKED = Pattern.compile("`([\\w.$\\[\\]]+)`");
    private static final Pattern PARENTHESISED = Pattern.compile("\\(([^)]*)\\)");

    // a record's own message names its field from the record's name on ("strategy.maxSurge: …", "pdbs[web].minAvailable: …")
    private static final Pattern RECORD_FIELD = Pattern.compile("(\\w+)(?:\\[[^\\]]*])?((?:\\.\\w+)*): (.*)", Pattern.DOTALL);
    private static final Pattern LAST_SEGMENT = Pattern.compile("(\\w+)(?:\\[\\d+])?$");

    /**
     * The error of a Jackson failure at its field. A record that refused its values names the field from its own name on;
     * where that name is the path's last one, the field joins the path ({@code spec.cluster.pdbs[0].minAvailable: 150% is
     * more than 100%…}) rather than repeating it after the path.
     */
    static ScenarioException error(ScenarioSource src, JsonMappingException e) {
        String path = path(e), problem = problem(e);
        if (e instanceof ValueInstantiationException) {
            Matcher m = RECORD_FIELD.matcher(problem), last = LAST_SEGMENT.matcher(path);
            if (m.matches() && last.find() && last.group(1).equals(m.group(1))) return src.error(path + m.group(2), m.group(3));
        }
        return src.error(path, problem);
    }

    /** The field path of a Jackson error ({@code spec.faults[0].at}). */
    static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining()).replaceFirst("^\\.", "");
    }

    /** One line saying what is wrong with the value, in words. */
    static String problem(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException u)
            return "unknown field '" + u.getPropertyName() + "'; known: " + u.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
        if (e instanceof ValueInstantiationException v && v.getCause() != null)
            return v.getCause().getMessage() == null ? "missing or empty value" : oneLine(v.getCause().getMessage());
        if (e.getCause() instanceof InputCoercionException c) {
            Matcher m = PARENTHESISED.matcher(String.valueOf(c.getOriginalMessage()));
            return (m.find() ? m.group(1) + " " : "") + "is out of range; " + describe(c.getTargetType()) + " from "
                    + bounds(c.getTargetType());
        }
        if (e instanceof InvalidFormatException f)
            return "'" + f.getValue() + "' is not " + describe(f.getTargetType());
        if (e instanceof MismatchedInputException m && m.getTargetType() != null && !isOwnMessage(e))
            return "expected " + describe(m.getTargetType());
        return scrub(oneLine(e.getOriginalMessage()));
    }

    /** Messages thrown by this file's deserializers are already in words. */
    private static boolean isOwnMessage(JsonMappingException e) {
        String m = String.valueOf(e.getOriginalMessage());
        return !m.contains("`") && !m.startsWith("Cannot ");
    }

    private static String bounds(Class<?> t) {
        if (t == Integer.class || t == int.class) return Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
        return Long.MIN_VALUE + " to " + Long.MAX_VALUE;
    }

    static String describe(Class<?> t) {
        if (t == null) return "a value";
        if (t == Integer.class || t == int.class || t == Long.class || t == long.class || t == Short.class || t == short.class) return "a whole number";
        if (t == Double.class || t == double.class || t == Float.class || t == float.class) return "a number";
        if (t == Boolean.class || t == boolean.class) return "true or false";
        if (t == String.class) return "a single value (text)";
        if (t == Duration.class) return "a duration such as 30s or 5m";
        if (t.isArray() || Collection.class.isAssignableFrom(t)) return "a list";
        if (t.isEnum()) return "one of " + Arrays.toString(t.getEnumConstants()).toLowerCase(java.util.Locale.ROOT);
        if (Map.class.isAssignableFrom(t)) return "a mapping (key: value)";
        return "a mapping (key: value)";
    }

    /** Jackson's own texts name types as {@code `java.lang.Integer`}; say them in words instead. */
    private static String scrub(String message) {
        Matcher m = BACKTICKED.matcher(message);
        var sb = new StringBuilder();
        while (m.find()) {
            Class<?> type = null;
            try {
                type = Class.forName(m.group(1).replace("[]", ""), false, ScenarioMapper.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError ignored) {
                // a name Jackson made up: described as a value
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(describe(type)));
        }
        m.appendTail(sb);
        return sb.toString().replaceAll("\\s*\\(for Object starting at[^)]*\\)", "")
                .replaceAll("\\bdev\\.homeostat\\.[\\w.$]+", "a mapping");
    }

    static String oneLine(String s) {
        return s == null ? "invalid value" : s.strip().replaceAll("\\s+", " ");
    }
}
