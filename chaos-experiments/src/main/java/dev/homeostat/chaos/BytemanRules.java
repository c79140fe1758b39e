package dev.homeostat.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JVMChaos {@code ruleData}: a Byteman script, read as Byteman's rule language has it. A rule is
 * {@code RULE name}, {@code CLASS} (or {@code INTERFACE}) and {@code METHOD}, an optional location ({@code AT} or
 * {@code AFTER}; ENTRY by default), optional {@code HELPER}, {@code BIND}, {@code COMPILE}/{@code NOCOMPILE} and
 * {@code IMPORT} lines, {@code IF condition}, {@code DO actions} and {@code ENDRULE}; {@code #} starts a comment line.
 * Its actions (separated by {@code ;}) are read for what the simulation models: {@code throw …} makes the method
 * throw, {@code Thread.sleep(N)}, {@code delay(N)} and {@code waitFor(id, N)} make it N ms slower, {@code waitFor(id)}
 * holds the thread until a signal nothing sends, {@code return …} changes a result (no simulated effect, as action
 * return), and the tracing and rule-state built-ins change nothing a request sees. Any other action runs code whose
 * effect the simulation cannot know and is refused by name. A condition other than {@code false} is taken to hold on
 * every call (an upper bound, as the method is taken to be on every request's path).
 */
final class BytemanRules {
    /** What one rule does to a call of its method. */
    record Rule(String name, String target, long latencyMs, String thrown, boolean hangs, List<String> noEffect) {
        /** Whether the rule changes whether or when a request is answered. */
        boolean acts() { return latencyMs > 0 || thrown != null || hangs; }
    }

    private static final Pattern SLEEP = Pattern.compile("(?:java\\.lang\\.)?Thread\\.sleep\\s*\\((.*)\\)|delay\\s*\\((.*)\\)");
    private static final Pattern WAIT_FOR = Pattern.compile("waitFor\\s*\\((.*)\\)");
    private static final Pattern MILLIS = Pattern.compile("\\s*(\\d{1,9})\\s*[lL]?\\s*");
    private static final Pattern THROW = Pattern.compile("throw\\s+(?:new\\s+([\\w.$]+))?.*", Pattern.DOTALL);
    /** A rule's body: optional BIND, then IF condition, then DO actions (keywords in capitals or small letters). */
    private static final Pattern BODY = Pattern.compile("(?s)(?:(?:BIND|bind)\\s.*?\\s)?(?:IF|if)\\s+(.*?)\\s+(?:DO|do)\\s+(.*)");
    private static final Pattern CALL = Pattern.compile("([\\w.$]+)\\s*\\(.*", Pattern.DOTALL);
    private static final List<String> TRACING = List.of("traceln", "trace", "traceOpen", "traceClose", "traceStack", "traceAllStacks",
            "traceThreadStack", "debug", "System.out.println", "System.out.print", "System.err.println", "System.err.print");
    private static final List<String> RULE_STATE = List.of("flag", "clear", "flagged", "createCounter", "incrementCounter", "decrementCounter",
            "readCounter", "deleteCounter", "createCountDown", "countDown", "getCountDown", "createTimer", "getElapsedTimeFromTimer",
            "resetTimer", "deleteTimer", "link", "linked", "unlink", "setTriggering");
    private static final List<String> CLAUSES = List.of("RULE", "CLASS", "INTERFACE", "METHOD", "HELPER", "AT", "AFTER", "BIND", "IF", "DO",
            "ENDRULE", "COMPILE", "NOCOMPILE", "IMPORT");

    private BytemanRules() { }

    /** The rules of {@code script}, at {@code field}; a script Byteman would not load, or an action not modelled, is an error. */
    static List<Rule> parse(String field, String script, ManifestContext ctx) {
        var rules = new ArrayList<Rule>();
        List<String> lines = script.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        boolean signals = script.contains("signalWake") || script.contains("signalThrow");
        for (int i = 0; i < lines.size(); i++) {
            String keyword = keyword(lines.get(i));
            if (List.of("HELPER", "IMPORT", "COMPILE", "NOCOMPILE").contains(keyword)) continue;
            if (!keyword.equals("RULE"))
                throw ctx.fail(field, "Byteman expects RULE <name> here, found \"" + abbreviate(lines.get(i)) + "\"; a rule is RULE, CLASS, METHOD, "
                        + "AT, IF, DO and ENDRULE");
            int end = i;
            while (end < lines.size() && !keyword(lines.get(end)).equals("ENDRULE")) end++;
            if (end == lines.size()) throw ctx.fail(field, "rule \"" + rest(lines.get(i), "RULE") + "\" has no ENDRULE");
            rules.add(rule(field, lines.subList(i, end), signals, ctx));
            i = end;
        }
        if (rules.isEmpty()) throw ctx.fail(field, "no rule: write RULE <name>, CLASS, METHOD, AT ENTRY, IF true, DO <action> and ENDRULE");
        return List.copyOf(rules);
    }

    private static Rule rule(String field, List<String> lines, boolean signals, ManifestContext ctx) {
        String name = rest(lines.getFirst(), "RULE");
        if (name.isEmpty()) throw ctx.fail(field, "RULE needs a name, such as RULE slow-charge");
        String cls = null, method = null, at = "AT ENTRY";
        // BIND, IF and DO are one body, read as a token stream: IF and DO may share a line
        var body = new StringBuilder();
        for (String line : lines.subList(1, lines.size())) {
            String keyword = keyword(line);
            if (!body.isEmpty() && !List.of("HELPER", "COMPILE", "NOCOMPILE", "IMPORT").contains(keyword)) {
                body.append('\n').append(line);
                continue;
            }
            switch (keyword) {
                case "CLASS", "INTERFACE" -> cls = rest(line, keyword);
                case "METHOD" -> method = rest(line, keyword);
                case "AT", "AFTER" -> at = line.replaceAll("\\s+", " ");
                case "BIND", "IF", "DO" -> body.append(line);
                case "HELPER", "COMPILE", "NOCOMPILE", "IMPORT" -> { }
                default -> throw ctx.fail(field, "rule \"" + name + "\": Byteman does not read \"" + abbreviate(line) + "\" here");
            }
        }
        Matcher ifDo = BODY.matcher(body);
        String condition = ifDo.matches() ? ifDo.group(1).strip() : "", actions = ifDo.matches() ? ifDo.group(2).strip() : "";
        if (cls == null || cls.isEmpty()) throw ctx.fail(field, "rule \"" + name + "\" needs CLASS (or INTERFACE): the class whose method it changes");
        if (method == null || method.isEmpty()) throw ctx.fail(field, "rule \"" + name + "\" needs METHOD: the method it changes");
        if (condition.isEmpty()) throw ctx.fail(field, "rule \"" + name + "\" needs IF: a condition such as IF true");
        if (actions.isEmpty()) throw ctx.fail(field, "rule \"" + name + "\" needs DO: the actions, such as DO Thread.sleep(500)");
        String target = cls + "#" + method + " (rule " + name + ", " + at + ")";
        if (condition.equals("false")) return new Rule(name, target, 0, null, false, List.of("its condition is false"));
        long latency = 0;
        String thrown = null;
        boolean hangs = false;
        var none = new ArrayList<String>();
        for (String action : split(actions, ";\n")) {
            Matcher sleep = SLEEP.matcher(action), wait = WAIT_FOR.matcher(action), thr = THROW.matcher(action), call = CALL.matcher(action);
            if (sleep.matches()) {
                latency += millis(field, name, action, sleep.group(1) != null ? sleep.group(1) : sleep.group(2), ctx);
            } else if (wait.matches()) {
                List<String> args = split(wait.group(1), ",");
                if (args.size() >= 2) latency += millis(field, name, action, args.get(1), ctx);
                else if (signals) throw ctx.notModelled(field, "rule \"" + name + "\": DO " + abbreviate(action) + " waits for a signal another rule "
                        + "sends, and when that rule fires depends on the application's code, which simulated requests do not run");
                else hangs = true;
            } else if (thr.matches()) {
                thrown = thr.group(1) != null ? thr.group(1) : "the exception of " + abbreviate(action);
            } else if (action.equals("return") || action.startsWith("return ") || action.startsWith("return(")) {
                none.add("a changed return value changes what the application computes, not whether or when it answers");
            } else if (call.matches() && TRACING.contains(call.group(1))) {
                none.add("tracing writes to the JVM's output");
            } else if (call.matches() && RULE_STATE.contains(call.group(1))) {
                none.add("rule state (flags, counters, timers) is read only by conditions, which are taken to hold");
            } else {
                throw ctx.notModelled(field, "rule \"" + name + "\": DO " + abbreviate(action) + " runs code of the application or the JVM "
                        + "whose effect simulated requests cannot show (they run no Java code); the simulation models throw, return, "
                        + "Thread.sleep, delay, waitFor, tracing and rule state");
            }
        }
        return new Rule(name, target, latency, thrown, hangs, none.stream().distinct().toList());
    }

    /** A literal number of milliseconds; a computed one cannot be read. */
    private static long millis(String field, String rule, String action, String arg, ManifestContext ctx) {
        Matcher m = MILLIS.matcher(arg);
        if (!m.matches())
            throw ctx.notModelled(field, "rule \"" + rule + "\": DO " + abbreviate(action) + " waits a time computed at run time, which the "
                    + "simulation cannot read; write the milliseconds, such as Thread.sleep(500)");
        return Long.parseLong(m.group(1));
    }

    /** {@code text} split at any of {@code separators} outside parentheses, braces and string literals. */
    private static List<String> split(String text, String separators) {
        var out = new ArrayList<String>();
        var cur = new StringBuilder();
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' && (i == 0 || text.charAt(i - 1) != '\\')) quoted = !quoted;
            if (!quoted && (c == '(' || c == '{')) depth++;
            if (!quoted && (c == ')' || c == '}')) depth--;
            if (!quoted && depth == 0 && separators.indexOf(c) >= 0) {
                if (!cur.toString().isBlank()) out.add(cur.toString().strip());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (!cur.toString().isBlank()) out.add(cur.toString().strip());
        return out;
    }

    /** The clause a line starts with: the rule's header clauses in capitals, BIND, IF and DO in either case (Byteman's lexer takes both). */
    private static String keyword(String line) {
        String first = line.split("\\s+", 2)[0];
        if (CLAUSES.contains(first)) return first;
        return List.of("bind", "if", "do").contains(first) ? first.toUpperCase(Locale.ROOT) : "";
    }

    private static String rest(String line, String keyword) {
        return line.substring(Math.min(line.length(), keyword.length())).strip();
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() <= 60 ? one : one.substring(0, 59) + "…";
    }
}
