package routes.transforms;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The original test suite's fixture files (§1.8), generated: the placeholder-string CSVs of the template tests
 * (every cell names its column, geography and year, so template and ordering tests are exact), the household
 * counts, and the population file of population_utils.
 */
final class OriginalFixtures {
    private OriginalFixtures() {
    }

    static final String[][] GEOGRAPHIES = {
            {"01", "Bydel Gamle Oslo", "0101", "Lodalen"},
            {"01", "Bydel Gamle Oslo", "0102", "Grønland"},
            {"01", "Bydel Gamle Oslo", "", ""},
            {"02", "Bydel Grünerløkka", "0201", "Grünerløkka vest"},
            {"02", "Bydel Grünerløkka", "0202", "Grünerløkka øst"},
            {"02", "Bydel Grünerløkka", "", ""},
            {"00", "Oslo i alt", "", ""},
            {"16", "Sentrum", "", ""},
    };

    /** transform_output_test_input.csv: 2017 and 2018 × 8 geographies, d1, d2, d1_ratio as placeholder strings. */
    static Path transformOutputInput(Path dir) {
        List<String> lines = new ArrayList<>(List.of("bydel_id;bydel_navn;delbydel_id;delbydel_navn;date;d1;d2;d1_ratio"));
        for (int year : new int[]{2017, 2018}) {
            for (String[] g : GEOGRAPHIES) {
                String geo = g[2].isEmpty() ? g[0] : g[2];
                lines.add(String.join(";", g) + ";" + year + ";d1_" + geo + "_" + year + ";d2_" + geo + "_" + year + ";d1_" + geo + "_" + year + "_ratio");
            }
        }
        return write(dir.resolve("transform_output_test_input.csv"), lines);
    }

    /** template_k_test_input.csv: the same geographies, 2018, the four K ratio columns as placeholders. */
    static Path templateKInput(Path dir) {
        List<String> lines = new ArrayList<>(List.of("bydel_id;bydel_navn;delbydel_id;delbydel_navn;date;d1_ratio_district;d1_ratio_oslo;d2_ratio_district;d2_ratio_oslo"));
        for (String[] g : GEOGRAPHIES) {
            String geo = g[2].isEmpty() ? g[0] : g[2];
            StringBuilder line = new StringBuilder(String.join(";", g)).append(";2018");
            for (String column : List.of("d1_ratio_district", "d1_ratio_oslo", "d2_ratio_district", "d2_ratio_oslo")) {
                line.append(";").append(column.replace("d1", "d1_" + geo + "_2018").replace("d2", "d2_" + geo + "_2018"));
            }
            lines.add(line.toString());
        }
        return write(dir.resolve("template_k_test_input.csv"), lines);
    }

    /** husholdning_test_input.csv: 2015, 2016 × 17 sub-districts of 01, 02, 03; integer counts (deterministic). */
    static Path husholdningInput(Path dir) {
        List<String> lines = new ArrayList<>(List.of("aar;delbydel_id;delbydel_navn;bydel_id;bydel_navn;personer_1;personer_2;personer_3;personer_4;personer_total"));
        String[][] districts = {{"01", "Bydel Gamle Oslo", "7"}, {"02", "Bydel Grünerløkka", "7"}, {"03", "Bydel Sagene", "3"}};
        for (int year : new int[]{2015, 2016}) {
            for (String[] d : districts) {
                for (int s = 1; s <= Integer.parseInt(d[2]); s++) {
                    String sub = d[0] + "0" + s;
                    int seed = Integer.parseInt(sub) * 7 + year;
                    int p1 = seed % 97 + 10, p2 = seed % 53 + 5, p3 = seed % 31 + 2, p4 = seed % 11 + 1;
                    lines.add(year + ";" + sub + ";Delbydel " + sub + ";" + d[0] + ";" + d[1] + ";" + p1 + ";" + p2 + ";" + p3 + ";" + p4 + ";" + (p1 + p2 + p3 + p4));
                }
            }
        }
        return write(dir.resolve("husholdning_test_input.csv"), lines);
    }

    /** population_utils_input.csv: ages 0..109, 111, 112 (110 missing), 2008/2009 × 102, 103 × kjonn 1/2, every cell 1. */
    static Path populationInput(Path dir) {
        StringBuilder header = new StringBuilder("aar;delbydel_id;delbydel_navn;bydel_id;bydel_navn;kjonn");
        List<Integer> ages = new ArrayList<>();
        for (int age = 0; age <= 112; age++) {
            if (age != 110) {
                ages.add(age);
                header.append(';').append(age);
            }
        }
        List<String> lines = new ArrayList<>(List.of(header.toString()));
        for (int year : new int[]{2008, 2009}) {
            for (String[] sub : new String[][]{{"102", "Grønland"}, {"103", "Enerhaugen"}}) {
                for (int sex = 1; sex <= 2; sex++) {
                    StringBuilder line = new StringBuilder(year + ";" + sub[0] + ";" + sub[1] + ";1;Bydel Gamle Oslo;" + sex);
                    ages.forEach(a -> line.append(";1"));
                    lines.add(line.toString());
                }
            }
        }
        return write(dir.resolve("population_utils_input.csv"), lines);
    }

    static Path write(Path file, List<String> lines) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, lines, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
