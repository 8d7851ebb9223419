package routes.transforms;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * Synthetic, deterministic Oslo-shaped input datasets: the 15 districts (with the original's names), Sentrum (16),
 * Marka (17) and "Uten registrert adresse" (99), 98 sub-districts, years 2008–2019. Every number is a fixed function
 * of (sub-district, year, column), so tests can recompute any expected value by hand. {@code scale} multiplies the
 * rows (the benchmark's ×100: each sub-district repeated under new ids).
 */
public final class OsloData {
    public static final String[] DISTRICTS = {"Bydel Gamle Oslo", "Bydel Grünerløkka", "Bydel Sagene", "Bydel St. Hanshaugen",
            "Bydel Frogner", "Bydel Ullern", "Bydel Vestre Aker", "Bydel Nordre Aker", "Bydel Bjerke", "Bydel Grorud",
            "Bydel Stovner", "Bydel Alna", "Bydel Østensjø", "Bydel Nordstrand", "Bydel Søndre Nordstrand"};
    public static final int FIRST_YEAR = 2008;
    public static final int LAST_YEAR = 2019;

    private final int scale;

    public OsloData(int scale) {
        this.scale = scale;
    }

    /** A sub-district: district id and name, its own id and name. */
    public record Geo(String districtId, String districtName, String id, String name, int seed) {
    }

    public List<Geo> subDistricts() {
        List<Geo> geos = new ArrayList<>();
        for (int copy = 0; copy < scale; copy++) {
            for (int d = 1; d <= 15; d++) {
                int count = 5 + d % 4 + (d == 1 ? 1 : 0);
                for (int s = 1; s <= count; s++) {
                    String id = String.format("%02d%02d", d, s + copy * 10);
                    geos.add(new Geo(String.format("%02d", d), DISTRICTS[d - 1], copy == 0 ? id : id + "-" + copy,
                            "Delbydel " + id + (copy == 0 ? "" : " " + copy), d * 100 + s));
                }
            }
            geos.add(new Geo("16", "Sentrum", "1601" + (copy == 0 ? "" : "-" + copy), "Sentrum", 1601));
            geos.add(new Geo("17", "Marka", "1701" + (copy == 0 ? "" : "-" + copy), "Marka", 1701));
            geos.add(new Geo("99", "Uten registrert adresse", "9999" + (copy == 0 ? "" : "-" + copy), "Uten registrert adresse", 9999));
        }
        return geos;
    }

    /** A deterministic count in [min, min + spread) for (geography, year, column number). */
    public static int count(int seed, int year, int column, int min, int spread) {
        long h = seed * 2654435761L + year * 40503L + column * 2246822519L;
        h ^= (h >>> 13);
        h *= 0x5bd1e995L;
        h ^= (h >>> 15);
        return min + (int) Math.floorMod(h, spread);
    }

    static String meta(Geo g, int year) {
        return year + ";" + g.id() + ";" + g.name() + ";" + g.districtId() + ";" + g.districtName();
    }

    static final String META = "aar;delbydel_id;delbydel_navn;bydel_id;bydel_navn";

    /** husholdninger-med-barn: sub-district rows, five household counts. */
    public Path husholdningerMedBarn(Path dir) {
        List<String> lines = new ArrayList<>(List.of(META + ";ett_barn_i_hh;to_barn_i_hh;tre_barn_i_hh;fire_barn_eller_mer;ingen_barn_i_hh"));
        for (int year = FIRST_YEAR; year <= LAST_YEAR; year++) {
            for (Geo g : subDistricts()) {
                lines.add(meta(g, year) + ";" + count(g.seed, year, 1, 100, 400) + ";" + count(g.seed, year, 2, 50, 300) + ";"
                        + count(g.seed, year, 3, 10, 100) + ";" + count(g.seed, year, 4, 0, 40) + ";" + count(g.seed, year, 5, 500, 2000));
            }
        }
        return OriginalFixtures.write(dir.resolve("husholdninger-med-barn.csv"), lines);
    }

    /**
     * boligpriser-blokkleiligheter: rows at sub-district, district and Oslo level (Oslo with an empty district id);
     * kvmpris missing for 16/17/99 and for every 7th sub-district-year; kvmpris written with a decimal part.
     */
    public Path boligpriser(Path dir) {
        List<String> lines = new ArrayList<>(List.of("aar;bydel_id;bydel_navn;delbydel_id;delbydel_navn;kvmpris;antall_omsatte_blokkleiligheter"));
        for (int year = FIRST_YEAR; year <= LAST_YEAR; year++) {
            for (Geo g : subDistricts()) {
                boolean missing = g.districtId().compareTo("15") > 0 || (g.seed + year) % 7 == 0;
                lines.add(year + ";" + g.districtId() + ";" + g.districtName() + ";" + g.id() + ";" + g.name() + ";"
                        + (missing ? "" : count(g.seed, year, 1, 30000, 60000) + ".5") + ";" + count(g.seed, year, 2, 5, 200));
            }
            for (int d = 1; d <= 15; d++) {
                lines.add(year + ";" + String.format("%02d", d) + ";" + DISTRICTS[d - 1] + ";;;" + count(d, year, 1, 40000, 40000) + ".0;" + count(d, year, 2, 100, 900));
            }
            lines.add(year + ";;Oslo i alt;;;" + count(0, year, 1, 50000, 20000) + ".25;" + count(0, year, 2, 3000, 9000));
        }
        return OriginalFixtures.write(dir.resolve("boligpriser-blokkleiligheter.csv"), lines);
    }

    /** befolkning-etter-kjonn-og-alder: sub-district × kjonn (1, 2) rows, one column per age 0..120. */
    public Path befolkning(Path dir) {
        return ages(dir.resolve("befolkning-etter-kjonn-og-alder.csv"), FIRST_YEAR, LAST_YEAR, 120, true, 0);
    }

    Path ages(Path file, int firstYear, int lastYear, int maxAge, boolean bySex, int salt) {
        StringBuilder header = new StringBuilder(META + (bySex ? ";kjonn" : ""));
        for (int age = 0; age <= maxAge; age++) {
            header.append(';').append(age);
        }
        List<String> lines = new ArrayList<>(List.of(header.toString()));
        for (int year = firstYear; year <= lastYear; year++) {
            for (Geo g : subDistricts()) {
                for (int sex = 1; sex <= (bySex ? 2 : 1); sex++) {
                    StringBuilder line = new StringBuilder(meta(g, year));
                    if (bySex) {
                        line.append(';').append(sex);
                    }
                    for (int age = 0; age <= maxAge; age++) {
                        int max = age < 90 ? 60 : 120 - age + 1;
                        line.append(';').append(count(g.seed + salt, year, age * 2 + sex, 0, Math.max(1, max)));
                    }
                    lines.add(line.toString());
                }
            }
        }
        return OriginalFixtures.write(file, lines);
    }

    static IntUnaryOperator identity() {
        return i -> i;
    }
}
