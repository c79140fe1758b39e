package dev.homeostat.chaos;

/** Field paths as errors write them ({@code spec.templates[2].podChaos}) ↔ JSON pointers. */
final class YamlPaths {
    private YamlPaths() { }

    static String pointer(String dotted) {
        var out = new StringBuilder();
        for (String part : dotted.split("\\.")) {
            int bracket = part.indexOf('[');
            String key = bracket < 0 ? part : part.substring(0, bracket);
            if (!key.isEmpty()) out.append('/').append(key.replace("~", "~0").replace("/", "~1"));
            while (bracket >= 0) {
                int close = part.indexOf(']', bracket);
                out.append('/').append(part, bracket + 1, close);
                bracket = part.indexOf('[', close);
            }
        }
        return out.toString();
    }
}
