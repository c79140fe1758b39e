package dev.homeostat.chaos.crd;

import java.util.ArrayList;
import java.util.List;

/**
 * The conformance table of chaos-experiments/README.md, rendered from the schemas themselves: every Chaos Mesh kind,
 * and for each supported kind every field with what the simulator does with it. A test keeps the README equal to it,
 * so the table cannot drift from the code.
 */
public final class ConformanceTable {
    private ConformanceTable() { }

    /** The Markdown between the README's conformance markers. */
    public static String render() {
        var out = new StringBuilder();
        out.append("| kind | support | why / how |\n|---|---|---|\n");
        for (ChaosMeshKinds.Kind k : ChaosMeshKinds.all())
            out.append("| ").append(k.name()).append(" | ").append(k.support().column()).append(" | ").append(cell(k.support().reason())).append(" |\n");
        out.append("\nThe selector every pod-scoped kind shares (`selector`, and NetworkChaos's `target.selector`):\n\n");
        header(out);
        rows(out, "", SelectorSchema.SELECTOR, "PodSelectorSpec");
        out.append("\nThe `metadata` of every object:\n\n");
        header(out);
        rows(out, "", OrchestrationSchema.METADATA, "ObjectMeta");
        for (ChaosMeshKinds.Kind k : ChaosMeshKinds.experiments()) section(out, k.name(), k.spec());
        section(out, "Schedule", OrchestrationSchema.SCHEDULE);
        section(out, "Workflow", OrchestrationSchema.WORKFLOW);
        section(out, "StatusCheck", OrchestrationSchema.STATUS_CHECK);
        return out.toString();
    }

    private static void section(StringBuilder out, String kind, Shape.Fields spec) {
        out.append("\n").append(kind).append(" (`spec`):\n\n");
        header(out);
        rows(out, "", spec, kind);
    }

    private static void header(StringBuilder out) {
        out.append("| field | support | modelling choice |\n|---|---|---|\n");
    }

    private static void rows(StringBuilder out, String prefix, Shape.Fields fields, String kind) {
        for (Field f : fields.fields().values()) {
            String path = prefix + f.name();
            out.append("| `").append(path).append("` | ").append(f.support().column()).append(" | ").append(cell(f.support().reason())).append(" |\n");
            if (f.support() instanceof Support.NotModelled || f.support() instanceof Support.CannotExist) continue;
            Shape.Fields inner = inner(f.shape());
            if (inner == null || inner == SelectorSchema.SELECTOR) continue;
            // an experiment embedded in a Schedule or Workflow, a Workflow's Schedule step and a Schedule's workflow have their own tables
            if (ChaosMeshKinds.byEmbedField(f.name()).isPresent() || inner == OrchestrationSchema.CHAOS_ONLY_SCHEDULE || inner == OrchestrationSchema.WORKFLOW)
                continue;
            rows(out, path + (f.shape() instanceof Shape.ListOf ? "[]." : "."), inner, kind);
        }
    }

    private static Shape.Fields inner(Shape shape) {
        return switch (shape) {
            case Shape.Fields f -> f;
            case Shape.ListOf l -> inner(l.item());
            default -> null;
        };
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    /** Every field path of a kind's spec (for tests: the conformance folder covers them). */
    public static List<String> paths(Shape.Fields spec) {
        var out = new ArrayList<String>();
        collect(out, "", spec);
        return out;
    }

    private static void collect(List<String> out, String prefix, Shape.Fields fields) {
        for (Field f : fields.fields().values()) {
            out.add(prefix + f.name());
            Shape.Fields inner = inner(f.shape());
            if (inner != null && inner != SelectorSchema.SELECTOR && ChaosMeshKinds.byEmbedField(f.name()).isEmpty()
                    && !(f.support() instanceof Support.NotModelled || f.support() instanceof Support.CannotExist))
                collect(out, prefix + f.name() + (f.shape() instanceof Shape.ListOf ? "[]." : "."), inner);
        }
    }
}
