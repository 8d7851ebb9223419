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

    /** A district of the district-level inputs: number 1..15 (16 Sentrum), its id and name; ×scale: copies "01-1", "Bydel ... 1". */
    public record District(int number, String id, String name) {
    }

    /** Districts 1..last (16 = Sentrum), repeated {@code scale} times under new ids for the benchmark's ×100. */
    public List<District> districts(int last) {
        List<District> districts = new ArrayList<>();
        for (int copy = 0; copy < scale; copy++) {
            for (int d = 1; d <= last; d++) {
                String name = d == 16 ? "Sentrum" : DISTRICTS[d - 1];
                districts.add(new District(d, String.format("%02d", d) + (copy == 0 ? "" : "-" + copy), name + (copy == 0 ? "" : " " + copy)));
            }
        }
        return districts;
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

    /** The values of one row of a {@link #givenLevels} input: (geography seed, year) to the ';'-joined value columns. */
    public interface RowValues {
        String of(int seed, int year);
    }

    /** A percentage in [0.0, 100.0) with one decimal, deterministic for (seed, year, column). */
    public static double percent(int seed, int year, int column) {
        return count(seed, year, column, 0, 1000) / 10.0;
    }

    /**
     * An input that already holds every level, as SSB delivers the levekår sets: a row per sub-district (16/17/99
     * included), per district 01..15 (empty sub-district) and one Oslo row ("Oslo i alt", empty ids). District d's
     * row has seed d, Oslo's seed 0.
     */
    public Path givenLevels(Path file, String valueColumns, RowValues values) {
        List<String> lines = new ArrayList<>(List.of(META + ";" + valueColumns));
        for (int year = FIRST_YEAR; year <= LAST_YEAR; year++) {
            for (Geo g : subDistricts()) {
                lines.add(meta(g, year) + ";" + values.of(g.seed, year));
            }
            for (int d = 1; d <= 15; d++) {
                lines.add(year + ";;;" + String.format("%02d", d) + ";" + DISTRICTS[d - 1] + ";" + values.of(d, year));
            }
            lines.add(year + ";;;;Oslo i alt;" + values.of(0, year));
        }
        return OriginalFixtures.write(file, lines);
    }

    /** A count column and its percentage column, for the "ratio of andel" inputs. */
    public static RowValues countAndPercent() {
        return countAndPercent(2);
    }

    /** The same with the percentage of another column number (so two such inputs differ). */
    public static RowValues countAndPercent(int percentColumn) {
        return (seed, year) -> count(seed, year, 1, 10, 500) + ";" + percent(seed, year, percentColumn);
    }

    /** dode / fodte: sub-district rows with one count column (antall_dode / antall_fodte). */
    public Path counts(Path dir, String dataset, String column, int salt) {
        List<String> lines = new ArrayList<>(List.of(META + ";" + column));
        for (int year = FIRST_YEAR; year <= LAST_YEAR; year++) {
            for (Geo g : subDistricts()) {
                lines.add(meta(g, year) + ";" + count(g.seed + salt, year, 1, 0, 80));
            }
        }
        return OriginalFixtures.write(dir.resolve(dataset + ".csv"), lines);
    }

    public static final String[] AGE_GROUPS = {"0-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39", "40-44",
            "45-49", "50-54", "55-59", "60-64", "65-69", "70-74", "75-79", "80-84", "85-89", "90+"};

    /**
     * flytting-til-etter-alder / flytting-fra-etter-alder: district rows (empty sub-district columns) per 5-year age
     * group with the three flows of the direction ({@code innflytting_} or {@code utflytting_} prefix).
     */
    public Path migration(Path dir, boolean into) {
        String[] flows = into ? new String[]{"innflytting_til_oslo", "innflytting_mellom_bydeler", "innflytting_innenfor_bydelen"}
                : new String[]{"utflytting_fra_oslo", "utflytting_mellom_bydeler", "utflytting_innenfor_bydelen"};
        List<String> lines = new ArrayList<>(List.of(META + ";aldersgruppe_5_aar;" + String.join(";", flows)));
        for (int year = FIRST_YEAR; year <= LAST_YEAR; year++) {
            for (District district : districts(15)) {
                int d = district.number();
                for (int a = 0; a < AGE_GROUPS.length; a++) {
                    StringBuilder line = new StringBuilder(year + ";;;" + district.id() + ";" + district.name() + ";" + AGE_GROUPS[a]);
                    for (int f = 0; f < 3; f++) {
                        line.append(';').append(count(d * 1000 + a + (into ? 0 : 500), year, f, 0, 300));
                    }
                    lines.add(line.toString());
                }
            }
        }
        return OriginalFixtures.write(dir.resolve(into ? "flytting-til-etter-alder.csv" : "flytting-fra-etter-alder.csv"), lines);
    }

    /** befolkningsframskrivninger: district rows (empty sub-district columns) for 2020..2030, ages 0..99. */
    public Path projections(Path dir) {
        StringBuilder header = new StringBuilder(META);
        for (int age = 0; age <= 99; age++) {
            header.append(';').append(age);
        }
        List<String> lines = new ArrayList<>(List.of(header.toString()));
        for (int year = 2020; year <= 2030; year++) {
            for (District district : districts(15)) {
                StringBuilder line = new StringBuilder(year + ";;;" + district.id() + ";" + district.name());
                for (int age = 0; age <= 99; age++) {
                    line.append(';').append(count(district.number(), year, age, 100, 400));
                }
                lines.add(line.toString());
            }
        }
        return OriginalFixtures.write(dir.resolve("befolkningsframskrivninger.csv"), lines);
    }

    /** Sub-district rows with count columns 1..n (each count(seed, year, column, 10, 300)). */
    public Path subDistrictCounts(Path file, String... columns) {
        List<String> lines = new ArrayList<>(List.of(META + ";" + String.join(";", columns)));
        for (int year = FIRST_YEAR; year <= LAST_YEAR; year++) {
            for (Geo g : subDistricts()) {
                StringBuilder line = new StringBuilder(meta(g, year));
                for (int c = 1; c <= columns.length; c++) {
                    line.append(';').append(count(g.seed, year, c, 10, 300));
                }
                lines.add(line.toString());
            }
        }
        return OriginalFixtures.write(file, lines);
    }

    /** The five building columns of boligmengde-etter-boligtype. */
    public static final String[] BUILDING_COLUMNS = {"blokk_leiegaard_el", "forretningsgaard_bygg_for_felleshusholdning_el",
            "frittliggende_enebolig_eller_vaaningshus", "horisontaldelt_tomannsbolig_eller_annet_boligbygg_med_mindre_enn_3_etasjer",
            "hus_i_kjede_rekkehus_terrasse_hus_vertikaldelt_tomannsbolig"};

    /** boligmengde-etter-boligtype: sub-district rows, building column c (1..5) = count(seed, year, c, 10, 300). */
    public Path boligmengde(Path dir) {
        return subDistrictCounts(dir.resolve("boligmengde-etter-boligtype.csv"), BUILDING_COLUMNS);
    }

    /** kommunale-boliger: sub-district rows, antall_boliger = count(seed, year, 7, 1, 60). */
    public Path kommunaleBoliger(Path dir) {
        List<String> lines = new ArrayList<>(List.of(META + ";antall_boliger"));
        for (int year = FIRST_YEAR; year <= LAST_YEAR; year++) {
            for (Geo g : subDistricts()) {
                lines.add(meta(g, year) + ";" + count(g.seed, year, 7, 1, 60));
            }
        }
        return OriginalFixtures.write(dir.resolve("kommunale-boliger.csv"), lines);
    }

    /** The botid categories, in the order the generator writes them (category k = 1, 2, 3). */
    public static final String[] BOTID = {"Innvandrer, kort botid (<=5 år)", "Innvandrer, lang botid (>5 år)", "Øvrige befolkning"};

    /**
     * Sub-district rows per botid category k (1..3) with value columns c (1..n): count(seed, year, 10 * k + c, 0, 200).
     */
    Path byBotid(Path file, String... columns) {
        List<String> lines = new ArrayList<>(List.of(META + ";botid;" + String.join(";", columns)));
        for (int year = FIRST_YEAR; year <= LAST_YEAR; year++) {
            for (Geo g : subDistricts()) {
                for (int k = 1; k <= BOTID.length; k++) {
                    StringBuilder line = new StringBuilder(meta(g, year) + ";" + BOTID[k - 1]);
                    for (int c = 1; c <= columns.length; c++) {
                        line.append(';').append(count(g.seed, year, 10 * k + c, 0, 200));
                    }
                    lines.add(line.toString());
                }
            }
        }
        return OriginalFixtures.write(file, lines);
    }

    /** botid-ikke-vestlige: norge (c = 1) and asia_afrika_latin_amerika_og_ost_europa_utenfor_eu (c = 2) per botid. */
    public Path botidIkkeVestlige(Path dir) {
        return byBotid(dir.resolve("botid-ikke-vestlige.csv"), "norge", "asia_afrika_latin_amerika_og_ost_europa_utenfor_eu");
    }

    /** botid: innvandrer (c = 1), norskfodt_med_innvandrerforeldre (c = 2) and four columns the function drops. */
    public Path botid(Path dir) {
        return byBotid(dir.resolve("botid.csv"), "innvandrer", "norskfodt_med_innvandrerforeldre", "fodt_i_utlandet_av_norskfodte_foreldre",
                "norskfodt_med_en_utenlandskfodt_forelder", "uten_innvandringsbakgrunn", "utenlandsfodt_med_en_norsk_forelder");
    }

    /**
     * sysselsatte: sub-district rows (16/17/99 included) for FIRST_YEAR..LAST_YEAR - 1 (counted in the 4th quarter,
     * the population on 1 January of the next year), antall_sysselsatte = count(seed, year, 1, 500, 800).
     */
    public Path sysselsatte(Path dir) {
        List<String> lines = new ArrayList<>(List.of(META + ";antall_sysselsatte"));
        for (int year = FIRST_YEAR; year < LAST_YEAR; year++) {
            for (Geo g : subDistricts()) {
                lines.add(meta(g, year) + ";" + count(g.seed, year, 1, 500, 800));
            }
        }
        return OriginalFixtures.write(dir.resolve("sysselsatte.csv"), lines);
    }

    /** The population of a sub-district and year aged min..max, both sexes, as {@link #befolkning} wrote it. */
    public static long population(int seed, int year, int minAge, int maxAge) {
        long sum = 0;
        for (int sex = 1; sex <= 2; sex++) {
            for (int age = minAge; age <= maxAge; age++) {
                int max = age < 90 ? 60 : 120 - age + 1;
                sum += count(seed, year, age * 2 + sex, 0, Math.max(1, max));
            }
        }
        return sum;
    }

    /** dodsrater: every level, dodsrate = percent(seed, year, 1). */
    public Path dodsrater(Path dir) {
        return givenLevels(dir.resolve("dodsrater.csv"), "dodsrate", (seed, year) -> String.valueOf(percent(seed, year, 1)));
    }

    /** trangbodde: every level, count and percent ({@link #countAndPercent}). */
    public Path trangbodde(Path dir) {
        return givenLevels(dir.resolve("trangbodde.csv"), "antall_som_bor_trangt;andel_som_bor_trangt", countAndPercent());
    }

    /** redusert-funksjonsevne: every level, count and percent. */
    public Path redusertFunksjonsevne(Path dir) {
        return givenLevels(dir.resolve("redusert-funksjonsevne.csv"),
                "antall_personer_med_redusert_funksjonsevne;andel_personer_med_redusert_funksjonsevne", countAndPercent());
    }

    /** ikke-fullfort-vgs: every level, count and percent. */
    public Path ikkeFullfortVgs(Path dir) {
        return givenLevels(dir.resolve("ikke-fullfort-vgs.csv"),
                "antall_personer_ikke_fullfort_i_lopet_av_5_aar;andelen_som_ikke_har_fullfort_i_lopet_av_5_aar", countAndPercent());
    }

    /** fattige-husholdninger: every level; every 5th sub-district-year ((seed + year) % 5 == 0) has no EU-scale count. */
    public Path fattigeHusholdninger(Path dir) {
        return givenLevels(dir.resolve("fattige-husholdninger.csv"),
                "husholdninger_med_barn_under_18_aar;husholdninger_med_barn_under_18_aar_eu_skala_antall;husholdninger_med_barn_under_18_aar_eu_skala_andel",
                (seed, year) -> count(seed, year, 3, 100, 900) + ";" + ((seed + year) % 5 == 0 ? "" : count(seed, year, 1, 10, 90))
                        + ";" + percent(seed, year, 2));
    }

    /** lav-utdanning: sub-district rows, the five education levels (count(seed, year, c, 10, 300)). */
    public Path lavUtdanning(Path dir) {
        return subDistrictCounts(dir.resolve("lav-utdanning.csv"),
                "ingen_utdanning_uoppgitt", "grunnskole", "videregaende", "universitet_hogskole_kort", "universitet_hogskole_lang");
    }

    public static final String[] IMMIGRATION_CATEGORIES = {"Innvandrer", "Norskfødte med innv.foreldre", "Øvrige"};

    /**
     * flytting-til-etter-inn-kat / flytting-fra-etter-inn-kat: district rows (no sub-district columns) per 5-year age
     * group and immigration category with the three flows of the direction; flow f of district d, age group a,
     * category c: count(d * 1000 + a * 10 + c (+ 500 out of the district), year, f, 0, 100).
     */
    public Path migrationByCategory(Path dir, boolean into) {
        String[] flows = into ? new String[]{"innflytting_til_oslo", "innflytting_mellom_bydeler", "innflytting_innenfor_bydelen"}
                : new String[]{"utflytting_fra_oslo", "utflytting_mellom_bydeler", "utflytting_innenfor_bydelen"};
        List<String> lines = new ArrayList<>(List.of("aar;bydel_id;bydel_navn;aldersgruppe_5_aar;innvandringskategori;" + String.join(";", flows)));
        for (int year = FIRST_YEAR; year <= LAST_YEAR; year++) {
            for (District district : districts(15)) {
                int d = district.number();
                for (int a = 0; a < AGE_GROUPS.length; a++) {
                    for (int c = 0; c < IMMIGRATION_CATEGORIES.length; c++) {
                        StringBuilder line = new StringBuilder(year + ";" + district.id() + ";" + district.name() + ";" + AGE_GROUPS[a]
                                + ";" + IMMIGRATION_CATEGORIES[c]);
                        for (int f = 0; f < 3; f++) {
                            line.append(';').append(count(d * 1000 + a * 10 + c + (into ? 0 : 500), year, f, 0, 100));
                        }
                        lines.add(line.toString());
                    }
                }
            }
        }
        return OriginalFixtures.write(dir.resolve(into ? "flytting-til-etter-inn-kat.csv" : "flytting-fra-etter-inn-kat.csv"), lines);
    }

    public static final String[] COUNTRIES = {"Pakistan", "Polen", "Somalia", "Sverige", "Irak", "Sri Lanka", "Tyrkia", "Marokko",
            "Vietnam", "Iran", "Filippinene", "Eritrea", "Litauen", "Afghanistan", "India", "Danmark"};

    /**
     * landbakgrunn-storste-innvandringsgrupper: district rows (01..15 and Sentrum 16, empty sub-district columns) per
     * country; country k of district d: innvandrer = count(d * 100 + k, year, 1, 0, 400), norskfodt = count(..., 2,
     * 0, 200); the district's 16th country is missing in odd years.
     */
    public Path landbakgrunn(Path dir) {
        List<String> lines = new ArrayList<>(List.of(META + ";landbakgrunn;innvandrer;norskfodt_med_innvandrerforeldre"));
        for (int year = FIRST_YEAR; year <= LAST_YEAR; year++) {
            for (District district : districts(16)) {
                int d = district.number();
                for (int k = 0; k < COUNTRIES.length; k++) {
                    if (k == COUNTRIES.length - 1 && year % 2 == 1) {
                        continue;
                    }
                    lines.add(year + ";;;" + district.id() + ";" + district.name() + ";" + COUNTRIES[k] + ";"
                            + count(d * 100 + k, year, 1, 0, 400) + ";" + count(d * 100 + k, year, 2, 0, 200));
                }
            }
        }
        return OriginalFixtures.write(dir.resolve("landbakgrunn-storste-innvandringsgrupper.csv"), lines);
    }

    public static final String[] HOUSEHOLD_TYPES = {"aleneboende", "par_uten_hjemmeboende_barn", "par_med_smaa_barn", "par_med_store_barn",
            "mor_eller_far_med_smaa_barn", "mor_eller_far_med_store_barn", "enfamiliehusholdninger_med_voksne_barn",
            "flerfamiliehusholdninger_med_smaa_barn", "flerfamiliehusholdninger_med_store_barn", "flerfamiliehusholdninger_uten_barn_0_til_17_aar"};

    /**
     * husholdningstyper: two rows per sub-district and year (row r = 1, 2: column c = count(seed * 10 + r, year, c,
     * 0, 200)), plus a district row (empty sub-district) per district that the function must leave out.
     */
    public Path husholdningstyper(Path dir) {
        List<String> lines = new ArrayList<>(List.of(META + ";" + String.join(";", HOUSEHOLD_TYPES)));
        for (int year = FIRST_YEAR; year <= LAST_YEAR; year++) {
            for (Geo g : subDistricts()) {
                for (int r = 1; r <= 2; r++) {
                    StringBuilder line = new StringBuilder(meta(g, year));
                    for (int c = 1; c <= HOUSEHOLD_TYPES.length; c++) {
                        line.append(';').append(count(g.seed * 10 + r, year, c, 0, 200));
                    }
                    lines.add(line.toString());
                }
            }
            for (int d = 1; d <= 15; d++) {
                lines.add(year + ";;;" + String.format("%02d", d) + ";" + DISTRICTS[d - 1] + ";99999;1;1;1;1;1;1;1;1;1");
            }
        }
        return OriginalFixtures.write(dir.resolve("husholdningstyper.csv"), lines);
    }

    public static final String[] UNDER16_COLUMNS = {"norskfodt_med_en_utenlandskfodt_forelder", "utenlandsfodt_med_en_norsk_forelder",
            "norskfodt_med_innvandrerforeldre", "fodt_i_utlandet_av_norskfodte_foreldre", "innvandrer", "uten_innvandringsbakgrunn"};

    /**
     * innvandrer-befolkningen-0-15-ar: per sub-district and year a row with alder "0-15 år" (column c = count(seed,
     * year, c, 0, 150)) and one with "16 år og over" (ten times as many) that the function must leave out.
     */
    public Path innvandrerUnder16(Path dir) {
        List<String> lines = new ArrayList<>(List.of(META + ";alder;" + String.join(";", UNDER16_COLUMNS)));
        for (int year = FIRST_YEAR; year <= LAST_YEAR; year++) {
            for (Geo g : subDistricts()) {
                for (String age : new String[]{"0-15 år", "16 år og over"}) {
                    StringBuilder line = new StringBuilder(meta(g, year) + ";" + age);
                    for (int c = 1; c <= UNDER16_COLUMNS.length; c++) {
                        line.append(';').append(count(g.seed, year, c, 0, 150) * (age.startsWith("0") ? 1 : 10));
                    }
                    lines.add(line.toString());
                }
            }
        }
        return OriginalFixtures.write(dir.resolve("innvandrer-befolkningen-0-15-ar.csv"), lines);
    }

    public static final String[] ROOMS_COLUMNS = {"rom_per_person_under_0_5", "rom_per_person_0_5_til_0_9", "rom_per_person_1_0_til_1_9",
            "rom_per_person_2_0_og_over", "rom_per_person_i_alt"};

    /**
     * husholdninger-etter-rom-per-person: sub-district rows (category c = count(seed, year, c, 5, 400), i_alt = their
     * sum + 7) plus an Oslo row with district id 00 per year that the function must leave out.
     */
    public Path romPerPerson(Path dir) {
        List<String> lines = new ArrayList<>(List.of(META + ";" + String.join(";", ROOMS_COLUMNS)));
        for (int year = FIRST_YEAR; year <= LAST_YEAR; year++) {
            for (Geo g : subDistricts()) {
                StringBuilder line = new StringBuilder(meta(g, year));
                int sum = 7;
                for (int c = 1; c <= 4; c++) {
                    int n = count(g.seed, year, c, 5, 400);
                    sum += n;
                    line.append(';').append(n);
                }
                lines.add(line.append(';').append(sum).toString());
            }
            lines.add(year + ";;;00;Oslo i alt;100000;100000;100000;100000;400000");
        }
        return OriginalFixtures.write(dir.resolve("husholdninger-etter-rom-per-person.csv"), lines);
    }

    /**
     * The generated input dataset {@code id} (a dataset id a function declares) written under {@code dir}: the one
     * place that knows which generator writes which dataset (golden tests, the benchmark, the end-to-end table and the
     * local seeds use it). A new function's dataset gets its case here.
     */
    public Path dataset(String id, Path dir) {
        return switch (id) {
            case "boligpriser-blokkleiligheter" -> boligpriser(dir);
            case "husholdninger-med-barn" -> husholdningerMedBarn(dir);
            case "befolkning-etter-kjonn-og-alder" -> befolkning(dir);
            case "dode" -> counts(dir, "dode", "antall_dode", 1);
            case "fodte" -> counts(dir, "fodte", "antall_fodte", 2);
            case "flytting-til-etter-alder" -> migration(dir, true);
            case "flytting-fra-etter-alder" -> migration(dir, false);
            case "befolkningsframskrivninger" -> projections(dir);
            case "dodsrater" -> dodsrater(dir);
            case "trangbodde" -> trangbodde(dir);
            case "redusert-funksjonsevne" -> redusertFunksjonsevne(dir);
            case "ikke-fullfort-vgs" -> ikkeFullfortVgs(dir);
            case "fattige-husholdninger" -> fattigeHusholdninger(dir);
            case "eieform" -> givenLevels(dir.resolve("eieform.csv"),
                    "leier_alle;borettslag_andel_alle;selveier_alle;leier_uten_studenter;borettslag_andel_uten_studenter;selveier_uten_studenter",
                    (seed, year) -> percent(seed, year, 1) + ";" + percent(seed, year, 2) + ";" + percent(seed, year, 3) + ";1.0;2.0;3.0");
            case "lav-utdanning" -> lavUtdanning(dir);
            case "boligmengde-etter-boligtype" -> boligmengde(dir);
            case "kommunale-boliger" -> kommunaleBoliger(dir);
            case "botid-ikke-vestlige" -> botidIkkeVestlige(dir);
            case "botid" -> botid(dir);
            case "sysselsatte" -> sysselsatte(dir);
            case "flytting-til-etter-inn-kat" -> migrationByCategory(dir, true);
            case "flytting-fra-etter-inn-kat" -> migrationByCategory(dir, false);
            case "landbakgrunn-storste-innvandringsgrupper" -> landbakgrunn(dir);
            case "husholdningstyper" -> husholdningstyper(dir);
            case "innvandrer-befolkningen-0-15-ar" -> innvandrerUnder16(dir);
            case "husholdninger-etter-rom-per-person" -> romPerPerson(dir);
            default -> throw new IllegalArgumentException("OsloData has no generator for input dataset '" + id + "' (add its case to OsloData.dataset)");
        };
    }

    static IntUnaryOperator identity() {
        return i -> i;
    }
}
