package dev.homeostat.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code expression} of a Workflow Task's conditional branch, in the expr language Chaos Mesh evaluates
 * (antonmedv/expr) over the task's {@code exitCode} and {@code stdout}: literals, those two variables, {@code ! not -},
 * {@code * / %}, {@code + -}, comparisons, {@code in}, {@code contains startsWith endsWith matches}, {@code && and},
 * {@code || or}, parentheses and {@code [lists]}. Parsed when the manifest is checked, so a typo fails before a run;
 * {@link #evaluate} gives the branch decision once the task's outcome is known.
 */
public sealed interface BranchExpression {
    /** The variables Chaos Mesh provides to a branch expression. */
    Set<String> VARIABLES = Set.of("exitCode", "stdout");

    Object evaluate(Map<String, Object> context);

    record Literal(Object value) implements BranchExpression {
        @Override public Object evaluate(Map<String, Object> context) { return value; }
    }

    record Variable(String name) implements BranchExpression {
        @Override public Object evaluate(Map<String, Object> context) { return context.get(name); }
    }

    record Items(List<BranchExpression> items) implements BranchExpression {
        @Override public Object evaluate(Map<String, Object> context) { return items.stream().map(i -> i.evaluate(context)).toList(); }
    }

    record Unary(String op, BranchExpression operand) implements BranchExpression {
        @Override public Object evaluate(Map<String, Object> context) {
            Object v = operand.evaluate(context);
            return op.equals("-") ? -number(v) : !truth(v);
        }
    }

    record Binary(String op, BranchExpression left, BranchExpression right) implements BranchExpression {
        @Override public Object evaluate(Map<String, Object> context) {
            if (op.equals("&&")) return truth(left.evaluate(context)) && truth(right.evaluate(context));
            if (op.equals("||")) return truth(left.evaluate(context)) || truth(right.evaluate(context));
            Object l = left.evaluate(context), r = right.evaluate(context);
            return switch (op) {
                case "==" -> equal(l, r);
                case "!=" -> !equal(l, r);
                case "<" -> compare(l, r) < 0;
                case "<=" -> compare(l, r) <= 0;
                case ">" -> compare(l, r) > 0;
                case ">=" -> compare(l, r) >= 0;
                case "+" -> l instanceof String || r instanceof String ? String.valueOf(l) + r : number(l) + number(r);
                case "-" -> number(l) - number(r);
                case "*" -> number(l) * number(r);
                case "/" -> number(l) / number(r);
                case "%" -> number(l) % number(r);
                case "in" -> r instanceof List<?> list && list.stream().anyMatch(x -> equal(l, x));
                case "contains" -> String.valueOf(l).contains(String.valueOf(r));
                case "startsWith" -> String.valueOf(l).startsWith(String.valueOf(r));
                case "endsWith" -> String.valueOf(l).endsWith(String.valueOf(r));
                case "matches" -> java.util.regex.Pattern.compile(String.valueOf(r)).matcher(String.valueOf(l)).find();
                default -> throw new IllegalStateException("unreachable: operators come from the parser: " + op);
            };
        }
    }

    private static boolean truth(Object v) { return Boolean.TRUE.equals(v); }

    private static double number(Object v) {
        if (v instanceof Number n) return n.doubleValue();
        throw new IllegalArgumentException("not a number: " + v);
    }

    private static boolean equal(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) return x.doubleValue() == y.doubleValue();
        return Objects.equals(a, b);
    }

    private static int compare(Object a, Object b) {
        if (a instanceof String x && b instanceof String y) return x.compareTo(y);
        return Double.compare(number(a), number(b));
    }

    /** @throws IllegalArgumentException naming the position and what was expected */
    static BranchExpression parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("empty expression; write e.g. exitCode == 0");
        var p = new Parser(text);
        BranchExpression e = p.or();
        if (p.pos < p.tokens.size()) throw p.error("unexpected \"" + p.tokens.get(p.pos) + "\"");
        return e;
    }

    /** Recursive descent over expr's precedence levels. */
    final class Parser {
        private static final List<String> SYMBOLS = List.of("==", "!=", "<=", ">=", "&&", "||", "<", ">", "!", "+", "-", "*", "/", "%", "(", ")", "[", "]", ",");
        private static final Set<String> COMPARISONS = Set.of("==", "!=", "<", "<=", ">", ">=", "in", "contains", "startsWith", "endsWith", "matches");
        private final String text;
        private final List<String> tokens = new ArrayList<>();
        private int pos;

        private Parser(String text) {
            this.text = text;
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (Character.isWhitespace(c)) { i++; continue; }
                int start = i;
                if (c == '"' || c == '\'') {
                    i++;
                    while (i < text.length() && text.charAt(i) != c) i += text.charAt(i) == '\\' ? 2 : 1;
                    if (i >= text.length()) throw new IllegalArgumentException("unterminated string at column " + (start + 1) + " of \"" + text + "\"");
                    i++;
                } else if (Character.isDigit(c)) {
                    while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) i++;
                } else if (Character.isLetter(c) || c == '_') {
                    while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) i++;
                } else {
                    String sym = SYMBOLS.stream().filter(s -> text.startsWith(s, start)).findFirst()
                            .orElseThrow(() -> new IllegalArgumentException("unexpected \"" + c + "\" at column " + (start + 1) + " of \"" + text + "\""));
                    i += sym.length();
                }
                tokens.add(text.substring(start, i));
            }
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException(what + " in \"" + text + "\"");
        }

        private boolean take(String... options) {
            if (pos < tokens.size() && List.of(options).contains(tokens.get(pos))) { pos++; return true; }
            return false;
        }

        private String peek() { return pos < tokens.size() ? tokens.get(pos) : ""; }

        BranchExpression or() {
            BranchExpression e = and();
            while (take("||", "or")) e = new Binary("||", e, and());
            return e;
        }

        private BranchExpression and() {
            BranchExpression e = not();
            while (take("&&", "and")) e = new Binary("&&", e, not());
            return e;
        }

        private BranchExpression not() {
            if (take("!", "not")) return new Unary("!", not());
            return comparison();
        }

        private BranchExpression comparison() {
            BranchExpression e = sum();
            String op = peek();
            if (op.equals("not") && pos + 1 < tokens.size() && tokens.get(pos + 1).equals("in")) {
                pos += 2;
                return new Unary("!", new Binary("in", e, sum()));
            }
            if (COMPARISONS.contains(op)) {
                pos++;
                return new Binary(op, e, sum());
            }
            return e;
        }

        private BranchExpression sum() {
            BranchExpression e = product();
            while (peek().equals("+") || peek().equals("-")) e = new Binary(tokens.get(pos++), e, product());
            return e;
        }

        private BranchExpression product() {
            BranchExpression e = unary();
            while (peek().equals("*") || peek().equals("/") || peek().equals("%")) e = new Binary(tokens.get(pos++), e, unary());
            return e;
        }

        private BranchExpression unary() {
            if (take("-")) return new Unary("-", unary());
            return primary();
        }

        private BranchExpression primary() {
            if (pos >= tokens.size()) throw error("expression ends too early");
            String t = tokens.get(pos++);
            if (t.equals("(")) {
                BranchExpression e = or();
                if (!take(")")) throw error("missing )");
                return e;
            }
            if (t.equals("[")) {
                var items = new ArrayList<BranchExpression>();
                if (!take("]")) {
                    do items.add(or()); while (take(","));
                    if (!take("]")) throw error("missing ]");
                }
                return new Items(List.copyOf(items));
            }
            char c = t.charAt(0);
            if (c == '"' || c == '\'') return new Literal(t.substring(1, t.length() - 1).replace("\\" + c, String.valueOf(c)));
            if (Character.isDigit(c)) {
                try {
                    return new Literal(t.contains(".") ? (Object) Double.parseDouble(t) : (Object) Long.parseLong(t));
                } catch (NumberFormatException e) {
                    throw error("\"" + t + "\" is not a number");
                }
            }
            if (t.equals("true") || t.equals("false")) return new Literal(Boolean.parseBoolean(t));
            if (t.equals("nil")) return new Literal(null);
            if (Character.isLetter(c) || c == '_') {
                if (!VARIABLES.contains(t))
                    throw error("unknown variable \"" + t + "\"" + dev.homeostat.chaos.crd.Suggest.didYouMean(t, VARIABLES)
                            + " (a branch expression knows exitCode and stdout)");
                return new Variable(t);
            }
            throw error("unexpected \"" + t + "\"");
        }
    }
}
