//! The rows of the table of diagnostic codes, by stage: `Variant =
//! "printed-name", Severity, Stage, "summary", fix: "…", example: …;`, the
//! example being `Source("…")`, what written in the sources (or typed on the
//! command line) triggers it, or `Message("…")`, what it prints.

code_table! {
    // Content validation.
    TomlSyntax = "toml-syntax", Error, Validation,
        "the file is not valid TOML (an unclosed string, a missing `=`…)",
        fix: "write what TOML expects at the place the message names",
        example: Source("title = \"Solidarité humaine");
    UnknownKey = "unknown-key", Error, Validation,
        "a key no table of this kind has (with the closest allowed key)",
        fix: "remove the key or correct its spelling; the keys allowed there are listed",
        example: Source("titel = \"Solidarité humaine\"");
    MissingKey = "missing-key", Error, Validation,
        "a key the table or the block needs (`title` of an initiative, `family` and `paragraphs` of a callout, a signatory of the édito…)",
        fix: "add the key the message names",
        example: Message("a callout needs the key `family`");
    UnknownValue = "unknown-value", Error, Validation,
        "a value not in the list: `kind`, `type`, a callout `family` not declared in `[callouts]`, a colour not in `[brand.colors]`, a role of `[brand.roles]`, a font family not in `fonts/`, a pictogram",
        fix: "use one of the values listed (the closest one is suggested)",
        example: Source("type = \"initative\"");
    WrongType = "wrong-type", Error, Validation,
        "a text where a list is expected, or the reverse",
        fix: "write texts between double quotes, lists between `[` and `]`",
        example: Source("paragraphs = \"Un seul paragraphe.\"");
    KeyNotAllowed = "key-not-allowed", Error, Validation,
        "a key of another kind of block (`family` on a figure)",
        fix: "remove the key; the hint lists the keys of this kind of block",
        example: Message("a figure has no key `family`");
    MarkupUnclosed = "markup-unclosed", Error, Validation,
        "`**`, `*` or `^{` opened and never closed",
        fix: "add the closing mark where the text ends, or write `\\*` for a literal `*`",
        example: Source("paragraphs = [\"Un **texte en gras.\"]");
    LinkUnclosed = "link-unclosed", Error, Validation,
        "`<https://…` never closed by `>`",
        fix: "write the address as `<https://example.fr>`",
        example: Source("paragraphs = [\"Voir <https://exemple.fr.\"]");
    MarkupTooDeep = "markup-too-deep", Error, Validation,
        "more than 16 marks open at once",
        fix: "close the bold, italic and superscript marks you open",
        example: Message("more than 16 marks are open at once here");
    EmptyText = "empty-text", Error, Validation,
        "an empty chapter or section title, figure number or document title (PDF/UA refuses an empty heading or title)",
        fix: "write the text, or remove what it belongs to",
        example: Source("title = \"\"");
    ControlCharacter = "control-character", Error, Validation,
        "a control character in a printed text",
        fix: "delete it: it was pasted with the text and is invisible in most editors",
        example: Source("paragraphs = [\"Un texte\\b collé.\"]");
    GlyphMissing = "glyph-missing", Error, Validation,
        "a character no font of `fonts/` has",
        fix: "remove it, or add a font that has it under `fonts/` and name it in `layouts/theme.typ`",
        example: Source("paragraphs = [\"Un bonhomme de neige ☃.\"]");
    DateFormat = "date-format", Error, Validation,
        "`date` not written `YYYY-MM-DD`",
        fix: "write the date as `YYYY-MM-DD`, e.g. `2021-03-01`",
        example: Source("date = \"1er mars 2021\"");
    DateInvalid = "date-invalid", Error, Validation,
        "a day the calendar does not have (`2021-02-30`)",
        fix: "check the month and the day: February 29 only in leap years",
        example: Source("date = \"2021-02-30\"");
    ProfileValue = "profile-value", Error, Validation,
        "a bleed (0 to 20 mm) or a resolution (1 to 10000 ppi) out of range in `[profiles.*]`",
        fix: "give the key a value in the range the hint gives",
        example: Source("bleed-mm = 40.0");
    ProfileStandards = "profile-standards", Error, Validation,
        "a standard listed twice, or PDF/A-2b claimed with CMYK colours (Typst writes no CMYK profile), in `[profiles.*]`",
        fix: "list each standard once; with CMYK colours, remove `\"a-2b\"` or write `colors = \"rgb\"`",
        example: Source("standards = [\"ua-1\", \"ua-1\"]");
    ChapterPath = "chapter-path", Error, Validation,
        "a name in `chapters` that is not a file name inside `sources/`",
        fix: "list chapter files by their name, e.g. `\"01-solidarite-humaine.toml\"`",
        example: Source("chapters = [\"../autre/01.toml\"]");
    ChapterMissing = "chapter-missing", Error, Validation,
        "a chapter file that does not exist",
        fix: "create the file, or remove it from `chapters` in bilan.toml",
        example: Source("chapters = [\"09-absent.toml\"]");
    DepartementList = "departement-list", Error, Validation,
        "a code in `departements = [...]` that no territory of the list has",
        fix: "write a territory's code; the hint lists them",
        example: Source("departements = [\"99\"]");
    PictureAlt = "picture-alt", Error, Validation,
        "an `image` without its `alt` text, or with an empty one",
        fix: "add `alt = \"…\"` describing what the picture shows, for readers who cannot see it",
        example: Source("alt = \"\"");
    PictureImage = "picture-image", Error, Validation,
        "an `alt`, `caption` or `credit` without an `image`",
        fix: "add `image = \"images/….jpg\"`, or remove them",
        example: Message("a `caption` or a `credit` needs a picture");
    PicturePath = "picture-path", Error, Validation,
        "an `image` or pictogram path that is empty, has a backslash, or leaves `sources/`",
        fix: "give the path from `sources/`, e.g. `images/college.jpg`",
        example: Source("image = \"../photo.jpg\"");
    PictureMissing = "picture-missing", Error, Validation,
        "an `image` or a pictogram that is not a file inside `sources/`",
        fix: "put the file under `sources/` (e.g. `sources/images/`) and give its path from there",
        example: Source("image = \"images/absente.jpg\"");
    PictureUnreadable = "picture-unreadable", Error, Validation,
        "a JPEG or PNG picture that cannot be read (damaged, or not a picture)",
        fix: "save it again as a JPEG or PNG file",
        example: Message("the picture `images/college.jpg` cannot be read: …");
    IndexEmpty = "index-empty", Error, Validation,
        "an `[index]` when no text cites a département",
        fix: "cite départements as « Haute-Garonne (31) » or with `departements = [\"31\"]`, or remove `[index]`",
        example: Message("the index of the départements has nothing to list: no text cites one");
    BrandFonts = "brand-fonts", Error, Validation,
        "`fonts` of `[brand]` that is not a folder inside `sources/`, or holds no font file",
        fix: "give a folder of `sources/` holding the font files and their licence, e.g. `fonts = \"polices\"`",
        example: Source("fonts = \"../polices\"");
    BrandColor = "brand-color", Error, Validation,
        "a screen colour not written `#rrggbb`, a CMYK value outside 0–100 or not four values, a `map` of `[brand]` that is not four shades",
        fix: "write `#rrggbb`, four CMYK percentages from 0 to 100, four shades for the map",
        example: Source("red = { screen = \"rouge\", cmyk = [0, 95, 80, 15] }");
    EditionCode = "edition-code", Error, Validation,
        "a code no département has in `departements` of a group of `[editions]`",
        fix: "write the codes of départements; the hint lists them",
        example: Source("departements = [\"33\", \"99\"]");
    EditionName = "edition-name", Error, Validation,
        "a group of `[editions]` whose name is not lower-case letters, digits and `-`, or looks like a code",
        fix: "name it with lower-case letters, digits and `-`, e.g. `[editions.nouvelle-aquitaine]`",
        example: Source("[editions.Sud-Ouest]");
    EditionNoDepartement = "edition-empty", Error, Validation,
        "a group of `[editions]` with no `departements`",
        fix: "list their codes: `departements = [\"33\", \"40\"]`",
        example: Source("departements = []");
    EditionFile = "edition-file", Error, Validation,
        "a file of `sources/editions/` named after neither a département's code nor a group",
        fix: "name the file after its edition: `33.toml` for la Gironde, or `<group>.toml`",
        example: Source("sources/editions/gironde.toml");
    TerritoryDuplicate = "territory-duplicate", Error, Validation,
        "a code of `[territories]` declared twice (or, with `extend`, already a département's)",
        fix: "remove one, or give it another code",
        example: Message("the territory code `13055` is declared twice");
    TerritoryCsv = "territory-csv", Error, Validation,
        "a line of the `[territories]` CSV file without 3 columns, with an empty code or name, or a wrong first line",
        fix: "write `code,name,name-with-article` on the first line, then one territory a line",
        example: Source("13055,Marseille");
    TerritoryCode = "territory-code", Error, Validation,
        "a territory's code that is not capital letters and digits (at most 12)",
        fix: "write a code of capital letters and digits, e.g. `R84` or `13055`",
        example: Source("code = \"r84\"");
    TerritoryEntry = "territory-entry", Error, Validation,
        "a `[[territories.entry]]` with an empty name",
        fix: "write its name as the text cites it, e.g. `name = \"Marseille\"`",
        example: Source("name = \"\"");
    TerritoryEmpty = "territory-empty", Error, Validation,
        "`mode = \"replace\"` with no territory",
        fix: "list territories in `file` or in `[[territories.entry]]`, or write `mode = \"extend\"`",
        example: Message("`[territories]` replaces the départements with no territory");
    TerritoryFile = "territory-file", Error, Validation,
        "the `file` of `[territories]` missing, unreadable, or not inside `sources/`",
        fix: "name a file of `sources/`, e.g. `file = \"territoires.csv\"`",
        example: Source("file = \"../territoires.csv\"");
    TerritoryMap = "territory-map", Error, Validation,
        "the `map` of `[territories]` missing, or not a GeoJSON FeatureCollection of Polygons and MultiPolygons",
        fix: "write a GeoJSON FeatureCollection whose features' `properties.code` are territories' codes",
        example: Source("map = \"carte.svg\"");
    TerritoryMapCode = "territory-map-code", Error, Validation,
        "a feature of the map whose `properties.code` is no territory's code",
        fix: "give the feature a territory's code, or declare the territory",
        example: Message("the map draws `R99`, which is no territory's code");

    // Lints of `bilan check`.
    DepartementCode = "departement-code", Warning, Lint,
        "a « Name (code) » whose code is not that département's",
        fix: "write the département's own code",
        example: Source("La Lozère (42) innove.");
    DepartementUnknown = "departement-unknown", Warning, Lint,
        "a code in « (NN) » or « du NN » that no département has",
        fix: "correct the code; the hint lists them",
        example: Source("Le Département (20) innove.");
    DepartementName = "departement-name", Warning, Lint,
        "a département name written without its hyphens",
        fix: "write the name with its hyphens",
        example: Source("En Haute Garonne (31), oui.");
    PunctuationSpace = "punctuation-space", Warning, Lint,
        "no space before « : ; ! ? »",
        fix: "French sets a space before « : ; ! ? »",
        example: Source("Voici: un exemple.");
    Guillemets = "guillemets", Warning, Lint,
        "straight quotes \" or English quotes “ ” instead of « », or « » without inner spaces",
        fix: "write « … » with a space inside each guillemet",
        example: Source("Le \"Pass\" est là.");
    DoubleSpace = "double-space", Warning, Lint,
        "two spaces in a row",
        fix: "keep a single space",
        example: Source("Deux  espaces.");
    FinalPunctuation = "final-punctuation", Warning, Lint,
        "a paragraph that does not end with punctuation",
        fix: "end it with « . », or join it to the paragraph it continues",
        example: Source("Une phrase sans point");
    Ellipsis = "ellipsis", Info, Lint,
        "three dots « ... » (the layout sets « … »)",
        fix: "nothing to do; type « … » to make it explicit",
        example: Source("Et ainsi de suite...");
    OrdinarySpace = "ordinary-space", Info, Lint,
        "an ordinary space before « : ; ! ? » or inside « » (the layout sets a no-break space)",
        fix: "nothing to do",
        example: Source("Voici : un exemple.");
    EmptyParagraph = "empty-paragraph", Warning, Lint,
        "a paragraph with no text",
        fix: "remove the empty string from the list",
        example: Source("paragraphs = [\"Du texte.\", \" \"]");
    DuplicateSection = "duplicate-section", Warning, Lint,
        "two sections with the same number or title",
        fix: "give each section its own number and title",
        example: Message("section 1.1 appears twice");
    PartNumber = "part-number", Warning, Lint,
        "a part without `number` (its opener prints no numeral)",
        fix: "add `number = \"IV\"` beside `kind = \"part\"`, or write `kind = \"chapter\"`",
        example: Message("this part has no `number`: its opener and the Sommaire print neither the word « Partie » nor a numeral");
    FamilyUnused = "family-unused", Info, Lint,
        "a callout family of `[callouts]` that no callout uses",
        fix: "give a callout that `family`, or remove the family from bilan.toml",
        example: Message("the callout family `zoom` is declared but no callout uses it");
    InitiativeWithoutText = "initiative-without-text", Info, Lint,
        "an initiative with a title only",
        fix: "allowed; add `paragraphs = [\"…\"]` if it deserves a sentence",
        example: Message("this initiative has a title and no text");
    FigureNumber = "figure-number", Warning, Lint,
        "a figure whose number is not in the text around it",
        fix: "check the number against the initiative it illustrates",
        example: Message("the figure 1 200 is not in the text around it");
    CalloutFamilyTwice = "callout-family-twice", Warning, Lint,
        "two callouts of one family in one section",
        fix: "use each callout family at most once per section",
        example: Message("a second `zoom` callout in this section");
    Link = "link", Warning, Lint,
        "a malformed web address or e-mail address",
        fix: "write a link as `<https://domaine.fr/page>`",
        example: Source("Voir <https://exemple>.");
    WhitespaceCharacter = "whitespace-character", Warning, Lint,
        "a tab or a line break inside a text (printed as a space)",
        fix: "write a space, or split the text into two paragraphs",
        example: Source("paragraphs = [\"Une ligne\\tpuis une autre.\"]");
    EditionHoldsNothing = "edition-empty", Warning, Lint,
        "a group of `[editions]` or a file of `sources/editions/` whose local edition would hold nothing",
        fix: "check the codes of `departements`, cite the département in the chapters, or remove the group or the file",
        example: Message("the edition `sud-ouest` would be empty: no initiative, callout or figure cites la Gironde");
    EditionShort = "edition-short", Warning, Lint,
        "a local edition holding fewer blocks than `min-blocks` of `[local-editions]`",
        fix: "cite the territory in more blocks, or lower `min-blocks`",
        example: Message("the edition `33` (la Gironde) would hold 1 block(s), fewer than `min-blocks = 3`");
    ColophonPrinter = "colophon-printer", Warning, Lint,
        "no printer's name and address in `[colophon]`, which French law requires on printed matter",
        fix: "add `printer = \"Imprimé par …, adresse\"` to `[colophon]`",
        example: Message("the print edition names no printer: printed matter distributed in France must carry « le nom et le domicile de l'imprimeur »");
    InvisibleCharacter = "invisible-character", Warning, Lint,
        "an invisible character pasted with the text (zero width space, byte order mark…)",
        fix: "delete it: it prints nothing",
        example: Source("paragraphs = [\"Un mot\\u200Bcoupé.\"]");

    // Typesetting and exporting.
    EditionUnknown = "edition-unknown", Error, Typesetting,
        "`--departement` given a word that is neither a code nor a group",
        fix: "give a département's code (`33`), several separated by commas (`33,40,47`), or a group of `[editions]`",
        example: Source("bilan build --departement gironde");
    EditionEmpty = "edition-empty", Error, Typesetting,
        "`build --departement` or `--all-editions` asked for an edition no block cites",
        fix: "cite the département as « Name (code) » or with `departements = [\"NN\"]`; `bilan check` lists the editions",
        example: Message("the edition `18` would be empty: no initiative, callout or figure cites le Cher");
    Layout = "layout", Error, Typesetting,
        "an error in `layouts/`, at its `.typ` line",
        fix: "correct the layout at the line named",
        example: Message("unknown variable: colour");
    LayoutWarning = "layout", Warning, Typesetting,
        "a warning Typst raised on `layouts/`, at its `.typ` line",
        fix: "correct the layout at the line named",
        example: Message("unknown font family: montserat");
    PageCount = "page-count", Warning, Typesetting,
        "a page count that is not the multiple `pages-multiple` asks for (from the fitting)",
        fix: "allow more `notes-pages` or `blank-pages` in `[layout]` of bilan.toml, or tighten the text",
        example: Message("the brochure has 42 pages, not a multiple of 4");
    NotesPages = "notes-pages", Warning, Typesetting,
        "« Notes » pages added to a local edition to reach its page count (from the fitting)",
        fix: "let it be a leaflet (`format = \"auto\"` in `[local-editions]`), or give it a local édito",
        example: Message("the local edition has 2 « Notes » page(s), added to reach a multiple of 4");
    MarksWithoutBleed = "marks-without-bleed", Warning, Typesetting,
        "`--marks` asked of an edition with no bleed",
        fix: "crop marks are for the print edition: `bilan build --profile print --marks`",
        example: Message("the screen edition has no bleed: `--marks` is ignored");
    PictureResolution = "picture-resolution", Warning, Typesetting,
        "a picture under the print edition's 300 ppi at its placed size",
        fix: "use a picture with more pixels, or place it smaller",
        example: Message("the picture `images/college.jpg` (800×600 px) is placed 12.0 cm wide: 169 ppi, under the 300 ppi of print");
    Picture = "picture", Error, Typesetting,
        "a picture that cannot be downsampled for the screen edition",
        fix: "save the picture again as a JPEG or PNG file",
        example: Message("cannot downsample `sources/images/college.jpg`: …");
    PdfStandards = "pdf-standards", Error, Typesetting,
        "standards Typst's PDF export refuses to write together",
        fix: "keep at most one PDF/A and one PDF/UA standard in the profile",
        example: Message("…, from Typst's PDF export");
    PdfBoxes = "pdf-boxes", Error, Typesetting,
        "the bleed boxes cannot be added to the PDF",
        fix: "report it with the sources: it is a bug",
        example: Message("cannot add the bleed boxes: …");
    Png = "png", Error, Typesetting,
        "a page that cannot be encoded as PNG",
        fix: "try a lower `--ppi`",
        example: Message("cannot encode a page as PNG: …");
    Data = "data", Error, Typesetting,
        "the content cannot be written as data for the layouts",
        fix: "report it with the sources: it is a bug",
        example: Message("cannot write the data for the layouts: …");
    ProofMoved = "proof-moved", Error, Typesetting,
        "a mark of `bilan diff`'s proof that would move a line",
        fix: "report it with the sources: it is a bug of the layouts",
        example: Message("the proof's marks moved the lines of page 12");

    // Layout preflight.
    ColumnWhite = "column-white", Warning, Preflight,
        "a body column more empty than `max-column-white` (a chapter's last page excepted)",
        fix: "shorten the block that moved to the next column, or let it split",
        example: Message("page 13, left column: 31 % of the column is white");
    ShortTail = "short-tail", Warning, Preflight,
        "a chapter whose last page (not also its first) holds fewer than 6 lines",
        fix: "allow the gaps to tighten further (`min-spacing`), or shorten the chapter by a few lines",
        example: Message("page 9: the chapter ends with 3 line(s) alone on its last page, from « … »");
    TitleStranded = "title-stranded", Warning, Preflight,
        "a heading, initiative title or callout label whose text starts in the next column",
        fix: "keep titles sticky (`sticky: true` on their block) in the layouts",
        example: Message("page 7, right column: « Un titre » ends the column, its text starts in the next one");
    Orphan = "orphan", Warning, Preflight,
        "a paragraph whose first line alone ends a column",
        fix: "keep Typst's widow and orphan prevention on, or rewrite the paragraph",
        example: Message("page 5, left column: the first line of a paragraph ends the column alone: « … »");
    Widow = "widow", Warning, Preflight,
        "a paragraph whose last line alone starts a column",
        fix: "keep Typst's widow and orphan prevention on, or rewrite the paragraph",
        example: Message("page 5, right column: the last line of a paragraph starts the column alone: « … »");
    HyphenatedTitle = "hyphenated-title", Warning, Preflight,
        "a title, label or figure broken with a hyphen",
        fix: "set `hyphenate: false` on the text of titles, labels and figures in the layouts",
        example: Message("page 4: a title is hyphenated: « Solidarité hu- »");
    HyphenLadder = "hyphen-ladder", Warning, Preflight,
        "more than 3 lines in a row of a column ending with a hyphen",
        fix: "rewrite a word of one of these lines, or raise `costs.hyphenation` in the layouts",
        example: Message("page 11: 4 lines in a row end with a hyphen, from « … »");
    BadBreak = "bad-break", Warning, Preflight,
        "a line ending after an elision's apostrophe or an opening guillemet",
        fix: "glue an elision to its word and a guillemet to its text in the layouts",
        example: Message("page 6: a line ends after « ’ »: « … de l’ »");
    LooseLine = "loose-line", Warning, Preflight,
        "a justified line whose word gaps are over twice the brochure's median",
        fix: "a long word or address: rewrite the sentence, or allow hyphenation there",
        example: Message("page 13: a loose line, word gaps 2.7 times the median: « … »");
    OverfullLine = "overfull-line", Warning, Preflight,
        "a line that runs out of its column",
        fix: "a word too long for the column: break it, shorten it, or allow hyphenation",
        example: Message("page 8: a line runs 1.2 mm out of its column: « … »");
    CalloutSplit = "callout-split", Warning, Preflight,
        "a callout split across columns (it is taller than a column)",
        fix: "shorten the callout, or make part of it an initiative",
        example: Message("page 10: the callout « … » is split across columns: it is taller than a column");
    CalloutOverflow = "callout-overflow", Warning, Preflight,
        "a callout whose last lines are set under its frame (given less room than its text needs)",
        fix: "shorten the callout, and report the page",
        example: Message("page 10: the last lines of the callout « … » are set under its frame, out of its box");
    IndexSpill = "index-spill", Warning, Preflight,
        "an index of the départements whose entries run past their page, the last ones on a page of their own",
        fix: "cite fewer départements, or build an edition of fewer",
        example: Message("page 39: the index's 96 départements run on from page 38, past the page set for them");
    TocSpill = "toc-spill", Warning, Preflight,
        "a Sommaire whose entries run past its page, the last ones on a page of their own",
        fix: "shorten the titles in the Sommaire (`toc-title`), or have fewer sections",
        example: Message("page 3: the Sommaire's 30 entries run on from page 2, past its page");

    // When `bilan` cannot run.
    SourcesMissing = "sources-missing", Error, Running,
        "the sources folder does not exist",
        fix: "run `bilan` from the project's folder, or pass `--sources <DIR>`",
        example: Message("the sources folder `sources` does not exist");
    FontsMissing = "fonts-missing", Error, Running,
        "the fonts folder does not exist or holds no font file",
        fix: "run `bilan` from the project's folder, or pass `--root <DIR>`",
        example: Message("the fonts folder `fonts` does not exist");
    LayoutsMissing = "layouts-missing", Error, Running,
        "the entry layout `layouts/bilan.typ` does not exist",
        fix: "run `bilan` from the project's folder, or pass `--root <DIR>`",
        example: Message("the entry layout `layouts/bilan.typ` does not exist");
    Unreadable = "unreadable", Error, Running,
        "a file or folder that cannot be read",
        fix: "check that the path exists, is readable and, for a source, is UTF-8 text",
        example: Message("cannot read `sources/bilan.toml`: Permission denied");
    FileName = "file-name", Error, Running,
        "a layout file name Typst cannot take",
        fix: "rename the file with plain letters, digits, `-`, `_` and `.`",
        example: Message("the file `layouts/a b.typ` cannot be served to the layouts: …");
    Write = "write", Error, Running,
        "an output file that cannot be written",
        fix: "check that the output folder is writable; the previous file is left untouched",
        example: Message("cannot write `build/bilan-print.pdf`: Permission denied");
    Watch = "watch", Error, Running,
        "a folder `bilan watch` cannot watch",
        fix: "check that the folder exists; on Linux, raise fs.inotify.max_user_watches if needed",
        example: Message("cannot watch `sources`: …");
    Serve = "serve", Error, Running,
        "a port `bilan serve` cannot listen on",
        fix: "pick another port with `--port`",
        example: Message("cannot listen on 127.0.0.1:3000: Address already in use");
    FolderNotEmpty = "folder-not-empty", Error, Running,
        "`bilan new` into a folder that is not empty",
        fix: "name a new folder: `bilan new` never overwrites a file",
        example: Message("`brochure` already exists and is not an empty folder");
    DiffAgainst = "diff-against", Error, Running,
        "`bilan diff` given a revision or a folder it cannot read",
        fix: "give a git revision of the project or a folder holding a copy of it",
        example: Message("git is not installed: a revision cannot be read");
    Diff = "diff", Error, Running,
        "the other version of `bilan diff` could not be typeset",
        fix: "fix the errors printed for the other version, or compare against another",
        example: Message("the other version could not be typeset");
}
