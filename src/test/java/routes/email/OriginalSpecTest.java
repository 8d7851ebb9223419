package routes.email;

import com.github.tomakehurst.wiremock.WireMockServer;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import routes.shared.S3EventParser;
import routes.shared.S3ObjectRef;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The original pipeline's 60 spec examples (reference §B.8), recreated on synthetic fixtures of the same structure.
 * The original chained four Lambdas through S3 buckets; here each Lambda is one bean, so where the original asserted
 * "put to bucket X", these tests assert the decision that stands for that bucket:
 * process-file's {@code data-bucket} = {@link FileRouter.Kind#CSV} (cleaned, same key), {@code compressed-bucket} =
 * {@link FileRouter.Kind#ZIP}, {@code spreadsheet-bucket} = {@link FileRouter.Kind#SPREADSHEET},
 * {@code unprocessable-bucket} = {@link FileRouter.Kind#UNPROCESSABLE} (or {@link Unprocessable} thrown by unzip and
 * convert); {@code process-bucket} = the file handed back to routing under the given key. The clock is pinned to
 * 2025-03-23 10:11:12 UTC, as the original's Timecop. The whole chain, bucket for bucket, is in {@link EmailIntakeRouteTest}.
 */
class OriginalSpecTest {
    static final Clock PINNED = Clock.fixed(Instant.parse("2025-03-23T10:11:12Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name.replace('/', '_'));
        Files.write(file, bytes);
        return file;
    }

    IncomingFile file(String key, byte[] bytes) throws IOException {
        String name = key.substring(key.lastIndexOf('/') + 1);
        return new IncomingFile("email-1", name, key, write(key, bytes), null, 0);
    }

    // ------------------------------------------------------------------ convert_file_spec (1-12)
    @Nested
    class ConvertFile {
        final SpreadsheetConverter converter = new SpreadsheetConverter();

        @ParameterizedTest(name = "cases 1-10: {0} -> {1}")
        @CsvSource({
            "npower-eon/20250323-101112/export.xlsx, npower-eon/20250323-101112/export.xlsx.csv, xlsx",
            "bryt/20250323-101112/multi-sheet.xlsx, bryt/20250323-101112/multi-sheet.xlsx.csv, bryt",
            "npower-eon/20250323-101112/export.XLSX, npower-eon/20250323-101112/export.XLSX.csv, xlsx",
            "npower-eon/20250323-101112/export.xls, npower-eon/20250323-101112/export.xls.csv, xls",
            "npower-eon/20250323-101112/export.XLS, npower-eon/20250323-101112/export.XLS.csv, xls"})
        void convertsTheFirstSheetToKeyDotCsv(String key, String expectedKey, String fixture) throws IOException {
            byte[] bytes = switch (fixture) {
                case "xlsx" -> Fixtures.npowerXlsx();
                case "xls" -> Fixtures.npowerXls();
                default -> Fixtures.brytMultiSheet();
            };
            List<IncomingFile> out = converter.convert(file(key, bytes), Fixtures.exchange());

            assertThat(out).hasSize(1);
            assertThat(out.get(0).key()).isEqualTo(expectedKey);
            List<String> lines = Files.readAllLines(out.get(0).file());
            if (fixture.equals("bryt")) {
                assertThat(lines).containsExactly(
                        "\"MPAN\",\"Date\",\"Read at\",\"kWh\",\"Estimated\",\"Total\",\"Note\"",
                        "2000053543470,2024-03-01,2024-03-01T00:30:00+00:00,12.5,\"false\",25,\"say \"\"hi\"\", AI - Half Hourly Data\"");
            } else {
                assertThat(lines).hasSize(451);
                assertThat(lines.get(0)).startsWith("\"mpan\",\"rdate\",\"TotalConsumptionKwh\",\"MaxDemand\",\"colStatuskwh\",\"Kwh1\",");
                assertThat(lines.get(0).split(",", -1)).hasSize(53);
                assertThat(lines.get(1)).startsWith("1012345678901,2019-01-01,37,3.25,\"A\",0.75,0.75,0.75,2,");
            }
        }

        @Test
        void cases11and12_aPngNamedXlsxIsNotConvertedAndGoesToUnprocessableUnderItsKey() throws IOException {
            IncomingFile png = file("sheffield/20250323-101112/image.png", Fixtures.png());
            assertThatThrownBy(() -> converter.convert(png, Fixtures.exchange())).isInstanceOf(Unprocessable.class)
                    .hasMessageContaining("image.png");
            assertThat(png.key()).isEqualTo("sheffield/20250323-101112/image.png");
        }
    }

    // ------------------------------------------------------------------ process_file_spec (13-37)
    @Nested
    class ProcessFile {
        final FileRouter router = new FileRouter();
        final CsvCleaner cleaner = new CsvCleaner();

        @Test
        void cases13and14_keysAreUrlDecodedAndTheCsvGoesToDataUnderTheSameKey() throws IOException {
            String event = "{\"Records\":[{\"eventName\":\"ObjectCreated:Put\",\"awsRegion\":\"us-east-1\",\"s3\":{\"bucket\":{\"name\":\"file-bucket\"},"
                    + "\"object\":{\"key\":\"sheffield-gas/20250323-101112/Sheffield+City+Council+-+Energy+Sparks+%28Daily+Email%2920190303.csv\",\"size\":1024}}}]}";
            S3ObjectRef ref = new S3EventParser().createdObjects(event).get(0);
            assertThat(ref.key()).isEqualTo("sheffield-gas/20250323-101112/Sheffield City Council - Energy Sparks (Daily Email)20190303.csv");

            IncomingFile csv = file(ref.key(), Fixtures.sheffieldExport());
            assertThat(router.decide(csv).kind()).isEqualTo(FileRouter.Kind.CSV);
            assertThat(cleaner.clean(csv).key()).isEqualTo(ref.key());
        }

        @ParameterizedTest(name = "cases 15-19: {0} -> data bucket, same key")
        @CsvSource({"sheffield/20250323-101112/export.CSV", "sheffield/20250323-101112/export.cns",
            "sheffield/20250323-101112/export.CNS", "sheffield/20250323-101112/export.csv"})
        void csvAndCnsInAnyCaseAreCleanedIntoTheDataBucket(String key) throws IOException {
            IncomingFile csv = file(key, Fixtures.sheffieldExport());
            assertThat(router.decide(csv)).isEqualTo(new FileRouter.Decision(FileRouter.Kind.CSV, null));
            IncomingFile cleaned = cleaner.clean(csv);
            assertThat(cleaned.key()).isEqualTo(key);
            assertThat(Files.size(cleaned.file())).isEqualTo(17325);
        }

        @Test
        void case20_mixedLineEndingsBecomeLfOnly() throws IOException {
            byte[] out = clean(Fixtures.cr());
            assertThat(out).hasSize(677);
            String text = new String(out, StandardCharsets.US_ASCII);
            assertThat(text).doesNotContain("\r").endsWith("\n");
            assertThat(text.split("\n", -1)).hasSize(4); // 3 lines + the empty tail after the last LF
        }

        @Test
        void case21_emptyLinesAreDropped() throws IOException {
            byte[] out = clean(Fixtures.crEmptyLines());
            assertThat(out).isEqualTo(clean(Fixtures.cr())).hasSize(677);
            assertThat(new String(out, StandardCharsets.US_ASCII).lines()).noneMatch(String::isEmpty);
        }

        @Test
        void case22_nullsAndEmptyLinesAreRemoved() throws IOException {
            String text = new String(clean(Fixtures.highlands()), StandardCharsets.US_ASCII);
            assertThat(text.getBytes(StandardCharsets.US_ASCII)).hasSize(724);
            List<String> lines = text.lines().toList();
            assertThat(lines).hasSize(17).noneMatch(String::isEmpty).noneMatch(l -> l.contains("\0"));
            assertThat(lines.get(0)).isEqualTo("sep=,");
            assertThat(lines.get(1)).isEqualTo("MPR,ReadDatetime,kWh,ReadType");
            assertThat(lines.get(2)).isEqualTo("1700051910531,27 Aug 2019 00:30:00,4.6,Actual");
        }

        @Test
        void case23_nullsEmptyLinesAndInvalidCharactersAreRemoved() throws IOException {
            byte[] out = clean(Fixtures.highlandsInvalidCharacter());
            String text = new String(out, StandardCharsets.UTF_8);
            assertThat(out).hasSize(313);
            List<String> lines = text.lines().toList();
            assertThat(lines).hasSize(8).noneMatch(String::isEmpty).noneMatch(l -> l.contains("\0"));
            assertThat(lines.get(7)).isEqualTo("1700051906970,05 Sep 2019 00:00:00,20.2,Actual");
        }

        @ParameterizedTest(name = "cases 24-27: {0} -> compressed (unzip), same key")
        @CsvSource({"sheffield/20250323-101112/export.ZIP", "sheffield/20250323-101112/export.zip"})
        void zipsAreUnzipped(String key) throws IOException {
            assertThat(router.decide(file(key, Fixtures.sheffieldZip())).kind()).isEqualTo(FileRouter.Kind.ZIP);
        }

        @ParameterizedTest(name = "cases 28-35: {0} -> spreadsheet (convert), same key")
        @CsvSource({"npower-eon/20250323-101112/export.xls, xls", "npower-eon/20250323-101112/export.XLS, xls",
            "npower-eon/20250323-101112/export.xlsx, xlsx", "npower-eon/20250323-101112/export.XLSX, xlsx"})
        void spreadsheetsAreConverted(String key, String type) throws IOException {
            byte[] bytes = type.equals("xls") ? Fixtures.npowerXls() : Fixtures.npowerXlsx();
            assertThat(router.decide(file(key, bytes)).kind()).isEqualTo(FileRouter.Kind.SPREADSHEET);
        }

        @Test
        void cases36and37_anImageIsUnprocessable() throws IOException {
            FileRouter.Decision decision = router.decide(file("sheffield/20250323-101112/image.png", Fixtures.png()));
            assertThat(decision.kind()).isEqualTo(FileRouter.Kind.UNPROCESSABLE);
            assertThat(decision.reason()).contains("image.png").contains(".png");
        }

        private byte[] clean(byte[] input) throws IOException {
            return Files.readAllBytes(cleaner.clean(write("in.csv", input)));
        }
    }

    // ------------------------------------------------------------------ uncompress_file_spec (38-41)
    @Nested
    class UncompressFile {
        final SafeUnzipper unzipper = new SafeUnzipper(10_000_000, 100_000_000, 100, 2);

        @Test
        void cases38and39_entriesGoBackToProcessingUnderTheZipsFolder() throws IOException {
            List<IncomingFile> entries = unzipper.expand(file("sheffield/20250323-101112/export.zip", Fixtures.sheffieldZip()), Fixtures.exchange());
            assertThat(entries).extracting(IncomingFile::key)
                    .containsExactly("sheffield/20250323-101112/" + Fixtures.SHEFFIELD_ENTRY);
            assertThat(Files.readAllBytes(entries.get(0).file())).isEqualTo(Fixtures.sheffieldExport());
        }

        @Test
        void cases40and41_aPngDoesNotUnzipAndGoesToUnprocessable() throws IOException {
            assertThatThrownBy(() -> unzipper.expand(file("sheffield/20250323-101112/image.png", Fixtures.png()), Fixtures.exchange()))
                    .isInstanceOf(Unprocessable.class);
        }
    }

    // ------------------------------------------------------------------ unpack_attachments_spec (42-60)
    @Nested
    class UnpackAttachments {
        final EmailReader reader = new EmailReader(null, new AreaDirectory("sheffield,data", false), new EmailKeys(PINNED), 100_000_000);
        final AttachmentExtractor extractor = new AttachmentExtractor(50_000_000, 1000);

        ReceivedEmail read(byte[] email) throws IOException {
            Path raw = write("email-" + System.nanoTime() + ".eml", email);
            return reader.parse("email-1", "email-bucket", "inbox/email-1", raw, Map.of(), null, dir, null);
        }

        List<IncomingFile> attachments(byte[] email) throws IOException {
            return extractor.extract(read(email), new DefaultExchange(new DefaultCamelContext()));
        }

        @Test
        void cases42to44_theZipAttachmentIsKeyedUnderRecipientAndTimestampWithItsContentType() throws IOException {
            List<IncomingFile> files = attachments(Fixtures.sheffieldEmail());
            assertThat(files).hasSize(1);
            assertThat(files.get(0).key()).isEqualTo("sheffield/20250323-101112/4003063_9232_Export_20181108_120524_290.zip");
            assertThat(files.get(0).contentType()).isEqualTo("application/zip");
            assertThat(Files.readAllBytes(files.get(0).file())).isEqualTo(Fixtures.sheffieldZip());
        }

        @Test
        void case45_forwardedMailUsesXForwardedToAndTheContentTypeName() throws IOException {
            ReceivedEmail email = read(Fixtures.sheffieldForwarded());
            assertThat(email.recipient()).isEqualTo("sheffield@datafeeds.energysparks.uk");
            List<IncomingFile> files = extractor.extract(email, new DefaultExchange(new DefaultCamelContext()));
            assertThat(files).extracting(IncomingFile::key)
                    .containsExactly("sheffield/20250323-101112/4003063_9232_Export_20190227_120407_366.zip");
        }

        @Test
        void cases46to48_aBoundaryMatchingNothingMeansNoAttachmentsAndNoLinks() throws IOException {
            ReceivedEmail email = read(Fixtures.sheffieldEmailNoAttachments());
            assertThat(email.problem()).isNull();
            assertThat(extractor.extract(email, new DefaultExchange(new DefaultCamelContext()))).isEmpty();
            assertThat(links().extract("email-1", email.message())).isEmpty();
        }

        @Test
        void cases52to56_downloadLinksAreFoundOnlyWhereTheOriginalFoundThem() throws IOException {
            ImservLinks links = links();
            assertThat(links.extract("e", read(Fixtures.imservEmailWithLink()).message())).containsExactly(Fixtures.IMSERV_LINK);
            assertThat(links.extract("e", read(Fixtures.imservEmailWithLinkForwarded()).message())).containsExactly(Fixtures.IMSERV_LINK);
            assertThat(links.extract("e", read(Fixtures.sheffieldEmailNoAttachments()).message())).isEmpty();
            assertThat(links.extract("e", read(Fixtures.sheffieldEmail()).message())).isEmpty();
            assertThat(links.extract("e", read(Fixtures.sheffieldForwarded()).message())).isEmpty();
        }

        ImservLinks links() {
            return new ImservLinks(2000, 2000, 1_000_000);
        }
    }

    @Nested
    class DownloadReports {
        static WireMockServer http;

        @BeforeAll
        static void start() {
            http = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
            http.start();
        }

        @AfterAll
        static void stop() {
            http.stop();
        }

        @BeforeEach
        void reset() {
            http.resetAll();
        }

        String link() {
            return "http://127.0.0.1:" + http.port() + "/download/1";
        }

        @Test
        void cases49to51_aLinkOnlyEmailPutsTheDownloadedReportUnderTheRecipientWithTheResponseContentType() throws IOException {
            http.stubFor(get(urlEqualTo("/imgserver/InternalImage.aspx?cbmsimgid=1111aaaZZZ%3D&mode=View")).willReturn(aResponse()
                    .withStatus(200).withBody("some,data,here")
                    .withHeader("content-disposition", "inline;filename=\"WC-EnergySparksLast7Days_161120212207.csv\"")
                    .withHeader("content-type", "application/vnd.ms-excel")));
            UnpackAttachments unpack = new UnpackAttachments();
            ReceivedEmail email = unpack.read(Fixtures.imservEmailWithLink());
            assertThat(email.prefix()).isEqualTo("data/20250323-101112");
            // the link is the real IMServ one; fetch it from the stub by rewriting scheme and host only
            ImservLinks links = new ImservLinks(2000, 2000, 1_000_000) {
                @Override
                public Download download(String emailId, String link, Path folder) {
                    return super.download(emailId, link.replace("https://datavision.imserv.com", "http://127.0.0.1:" + http.port()), folder);
                }
            };
            List<IncomingFile> files = links.follow(email, new DefaultExchange(new DefaultCamelContext()));

            assertThat(files).hasSize(1);
            assertThat(files.get(0).key()).isEqualTo("data/20250323-101112/WC-EnergySparksLast7Days_161120212207.csv");
            assertThat(files.get(0).contentType()).isEqualTo("application/vnd.ms-excel");
            assertThat(Files.readString(files.get(0).file())).isEqualTo("some,data,here");
        }

        @Test
        void case57_aSuccessfulDownloadTakesItsNameFromContentDisposition() throws IOException {
            http.stubFor(get(urlEqualTo("/download/1")).willReturn(aResponse().withStatus(200).withBody("some,data,here")
                    .withHeader("content-disposition", "inline;filename=\"WC-EnergySparksLast7Days_161120212207.csv\"")
                    .withHeader("content-type", "application/vnd.ms-excel")));
            ImservLinks.Download download = new ImservLinks(2000, 2000, 1_000_000).download("e", link(), dir);
            assertThat(download.succeeded()).isTrue();
            assertThat(download.filename()).isEqualTo("WC-EnergySparksLast7Days_161120212207.csv");
            assertThat(download.contentType()).isEqualTo("application/vnd.ms-excel");
            assertThat(Files.readString(download.file())).isEqualTo("some,data,here");
        }

        @Test
        void case58_withoutContentDispositionTheNameIsTheLinkWithSeparatorsReplaced() {
            http.stubFor(get(urlEqualTo("/download/1")).willReturn(aResponse().withStatus(200).withBody("some,data,here")
                    .withHeader("content-type", "application/vnd.ms-excel")));
            ImservLinks.Download download = new ImservLinks(2000, 2000, 1_000_000).download("e", link(), dir);
            assertThat(download.filename()).isEqualTo("http___127.0.0.1_" + http.port() + "_download_1");
            assertThat(ImservLinks.filenameOf("attachment")).isEmpty();
            assertThat("http://example.org/download/1".replaceAll("[:/?]", "_")).isEqualTo("http___example.org_download_1");
        }

        @Test
        void cases59and60_anHtmlErrorPageWithStatus200IsAFailureReportedWithTheLink() {
            http.stubFor(get(urlEqualTo("/download/1")).willReturn(aResponse().withStatus(200)
                    .withBody("Your image cannot be displayed at this time").withHeader("content-type", "text/html; charset=utf-8")));
            ImservLinks.Download download = new ImservLinks(2000, 2000, 1_000_000).download("e", link(), dir);
            assertThat(download.succeeded()).isFalse();
            assertThat(download.failure()).isEqualTo("unable to download file " + link() + ": content type text/html; charset=utf-8");
        }

        @Test
        void theErrorPhraseInABodyOfAnotherTypeIsAFailureToo() {
            http.stubFor(get(urlEqualTo("/download/1")).willReturn(aResponse().withStatus(200)
                    .withBody("<p>Your image cannot be displayed at this time</p>").withHeader("content-type", "application/octet-stream")));
            assertThat(new ImservLinks(2000, 2000, 1_000_000).download("e", link(), dir).failure()).contains("Your image cannot be displayed");
        }

        /**
         * WireMock's dribbling delays the headers as much as the body, so a body that stalls after prompt headers
         * comes from the JDK's own server: headers and the first bytes at once, then nothing until the test is over.
         */
        @Test
        void aBodyThatStallsAfterTheHeadersFailsWithinTheReadTimeout() throws IOException {
            java.util.concurrent.CountDownLatch over = new java.util.concurrent.CountDownLatch(1);
            com.sun.net.httpserver.HttpServer stalling = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
            stalling.createContext("/", exchange -> {
                exchange.getResponseHeaders().add("content-type", "text/csv");
                exchange.sendResponseHeaders(200, 0);
                exchange.getResponseBody().write("a,b\n1,2\n".getBytes(StandardCharsets.US_ASCII));
                exchange.getResponseBody().flush();
                try {
                    over.await(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
            });
            stalling.start();
            String link = "http://127.0.0.1:" + stalling.getAddress().getPort() + "/report";
            try {
                long start = System.nanoTime();
                // a generous connect timeout: the subject is the read timeout, and a loaded machine may connect slowly
                ImservLinks.Download download = new ImservLinks(5000, 500, 1_000_000).download("e", link, dir);
                long millis = (System.nanoTime() - start) / 1_000_000;

                assertThat(download.failure()).isEqualTo("unable to download file " + link
                        + ": read timed out: no data for 500 ms (email.download.read-timeout-ms)");
                assertThat(millis).isLessThan(2000);
                try (var left = Files.list(dir)) {
                    assertThat(left).isEmpty();
                }
            } finally {
                over.countDown();
                stalling.stop(0);
            }
        }

        /** The read timeout is for silence, not for the whole body: 2.4 s of pieces every 300 ms pass a 1.5 s timeout. */
        @Test
        void aBodyThatKeepsComingWithinTheReadTimeoutIsDownloadedWhole() throws IOException {
            http.stubFor(get(urlEqualTo("/download/1")).willReturn(aResponse().withStatus(200)
                    .withHeader("content-type", "text/csv").withBody("a,b\n1,2\n3,4\n5,6\n").withChunkedDribbleDelay(8, 2400)));
            ImservLinks.Download download = new ImservLinks(5000, 1500, 1_000_000).download("e", link(), dir);

            assertThat(download.failure()).isNull();
            assertThat(Files.readString(download.file())).isEqualTo("a,b\n1,2\n3,4\n5,6\n");
        }

        @Test
        void non2xxOversizeAndSlowResponsesFail() {
            http.stubFor(get(urlEqualTo("/download/1")).willReturn(aResponse().withStatus(302).withHeader("Location", "/elsewhere")));
            assertThat(new ImservLinks(2000, 2000, 1_000_000).download("e", link(), dir).failure()).contains("HTTP status 302");

            http.stubFor(get(urlEqualTo("/download/1")).willReturn(aResponse().withStatus(200).withBody("x".repeat(2000))));
            assertThat(new ImservLinks(2000, 2000, 1000).download("e", link(), dir).failure()).contains("over the size limit of 1000");

            http.stubFor(get(urlEqualTo("/download/1")).willReturn(aResponse().withStatus(200).withBody("a,b").withFixedDelay(1500)));
            assertThat(new ImservLinks(500, 300, 1000).download("e", link(), dir).failure()).contains("Timeout");
        }
    }
}
