//! Everything the parser knows about the JPO vacancy template, as data.
//!
//! Headings with their variants, sub-labels, boilerplate and guidance
//! phrases live here and nowhere else. A new template revision should be an
//! edit of these tables. Every phrase is written in *folded* form: lower
//! case, every run of characters that are not letters or digits replaced by
//! one space, trimmed (see [`crate::text::fold`]). The tables are checked to
//! be in folded form by a test.

/// A section of the template, in template order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Section {
    /// GENERAL INFORMATION
    General,
    /// SUPERVISION
    Supervision,
    /// INTRODUCTION
    Introduction,
    /// DUTIES AND RESPONSIBILITIES
    Duties,
    /// QUALIFICATIONS AND EXPERIENCE
    Qualifications,
    /// TRAINING COMPONENTS AND LEARNING ELEMENTS
    Learning,
    /// BACKGROUND INFORMATION
    Background,
}

impl Section {
    /// Position in the template's order.
    pub(crate) fn order(self) -> u8 {
        self as u8
    }
}

/// A section heading and the spellings it is known under (folded).
pub(crate) struct HeadingDef {
    pub section: Section,
    /// Known spellings, including known typos. Matched exactly (after
    /// folding); other spellings are matched within an edit-distance bound
    /// and flagged `heading_fuzzy`.
    pub aliases: &'static [&'static str],
}

/// The section headings.
pub(crate) const HEADINGS: &[HeadingDef] = &[
    HeadingDef {
        section: Section::General,
        aliases: &[
            "general information",
            "general informations",
            "general info",
            // the Spanish and French versions of the template
            "información general",
            "informations générales",
            "information générale",
            // the Portuguese version
            "informações gerais",
            "informação geral",
        ],
    },
    HeadingDef {
        section: Section::Supervision,
        aliases: &["supervision", "supervision arrangements", "supervisión", "supervisão"],
    },
    HeadingDef { section: Section::Introduction, aliases: &["introduction", "introducción", "introdução"] },
    HeadingDef {
        section: Section::Duties,
        aliases: &[
            "duties and responsibilities",
            "duties and responsabilities",
            "duties responsibilities",
            "duties and responsibility",
            "main duties and responsibilities",
            // the older "Vacancy proposal for Associate Experts" revision
            "duties",
            "funciones y responsabilidades",
            "deberes y responsabilidades",
            "fonctions et responsabilités",
            "tâches et responsabilités",
            "deveres e responsabilidades",
            "funções e responsabilidades",
        ],
    },
    HeadingDef {
        section: Section::Qualifications,
        aliases: &[
            "qualifications and experience",
            "qualification and experience",
            "qualifications and experiences",
            "qualifications experience",
            "qualifications",
            "required qualifications",
            "calificaciones y experiencia",
            "cualificaciones y experiencia",
            "qualifications et expérience",
            "qualificações e experiência",
        ],
    },
    HeadingDef {
        section: Section::Learning,
        aliases: &[
            "training components and learning elements",
            // "Training components & learning elements"
            "training components learning elements",
            "training component and learning elements",
            "training components and learning element",
            "training and learning elements",
            "training and learning",
            "componentes de formación y elementos de aprendizaje",
            "composantes de formation et éléments d apprentissage",
            "éléments de formation et d apprentissage",
            "componentes de formação e elementos de aprendizagem",
        ],
    },
    HeadingDef {
        section: Section::Background,
        aliases: &[
            "background information",
            "background informations",
            "background info",
            "background",
            "information on the office",
            "información de antecedentes",
            "antecedentes",
            "informations de contexte",
            "contexte",
            "informações de contexto",
            "informação de contexto",
        ],
    },
];

/// A sub-label of the template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Label {
    PostNumber,
    MonthOfIssue,
    Year,
    Title,
    DutyStation,
    Duration,
    Grade,
    Department,
    OrgUnit,
    Supervisor,
    SupervisorEmail,
    Methodology,
    KeyOutputs,
    Education,
    WorkExperience,
    Skills,
    Languages,
    Competencies,
    Minimum,
    Desirable,
    TrainingComponents,
    LearningElements,
}

/// Where a label may stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Home {
    /// The block above GENERAL INFORMATION (post number, issue date).
    Header,
    /// A section. A label met outside its section implies that section
    /// (its heading is missing) when `implies` is set.
    In(Section),
    /// Inside any qualification block (Minimum / Desirable).
    QualBlock,
}

/// One label: its spellings (folded) and where it belongs.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct LabelDef {
    pub label: Label,
    pub aliases: &'static [&'static str],
    pub home: Home,
    /// Whether the label may be recognized in the middle of a line, after
    /// another label's value (run-together form fields). Only labels that
    /// are followed by a colon there.
    pub inline: bool,
    /// Whether the label may run into its value with no colon or space
    /// ("TitleJunior Professional Officer", "Duty stationCairo"): read so
    /// only where a lower-case letter of the label meets a capital or a
    /// digit, and as a guess (flag `label_glued`). Only the form's rows:
    /// their values are names and numbers that start with a capital or a
    /// digit, while a prose label glued to a sentence could be a word.
    pub glued: bool,
    /// Whether meeting this label outside its home section means the home
    /// section's heading is missing.
    pub implies: bool,
}

/// The sub-labels. Longer aliases of the same label come first.
pub(crate) const LABELS: &[LabelDef] = &[
    LabelDef {
        label: Label::PostNumber,
        aliases: &[
            "post number",
            "post no",
            "post n",
            "número de puesto",
            "numéro de poste",
            "numéro du poste",
            "número do posto",
        ],
        home: Home::Header,
        inline: true,
        glued: true,
        implies: false,
    },
    LabelDef {
        label: Label::MonthOfIssue,
        aliases: &[
            "month of issue",
            "month of issuance",
            "date of issue",
            "month year of issue",
            "mes de publicación",
            "mois de publication",
            "mês de emissão",
            "mês de publicação",
        ],
        home: Home::Header,
        inline: true,
        glued: true,
        implies: false,
    },
    LabelDef {
        label: Label::Year,
        aliases: &[
            "year of issue",
            "year",
            "año de publicación",
            "année de publication",
            "ano de emissão",
            "ano de publicação",
        ],
        home: Home::Header,
        inline: true,
        glued: true,
        implies: false,
    },
    LabelDef {
        label: Label::Title,
        aliases: &[
            "title",
            "job title",
            "position title",
            "title of post",
            "title of the post",
            "post title",
            "título del puesto",
            "título",
            "titre du poste",
            "titre",
            "título do posto",
        ],
        home: Home::In(Section::General),
        inline: true,
        glued: true,
        implies: true,
    },
    LabelDef {
        label: Label::DutyStation,
        aliases: &[
            "duty station",
            "duty stations",
            "duty station location",
            "location",
            "lugar de destino",
            "lieu d affectation",
            "local de trabalho",
            "posto de trabalho",
        ],
        home: Home::In(Section::General),
        inline: true,
        glued: true,
        implies: true,
    },
    LabelDef {
        label: Label::Duration,
        aliases: &[
            "duration of the assignment",
            "duration of assignment",
            "duration of the appointment",
            "length of the assignment",
            "length of assignment",
            "duration",
            "duración de la asignación",
            "duración",
            "durée de l affectation",
            "durée de la mission",
            "durée",
            "duração da missão",
            "duração da atribuição",
            "duração",
        ],
        home: Home::In(Section::General),
        inline: true,
        glued: true,
        implies: true,
    },
    LabelDef {
        label: Label::Grade,
        aliases: &["grade", "grade level", "level", "grado"],
        home: Home::In(Section::General),
        inline: true,
        glued: true,
        implies: true,
    },
    LabelDef {
        label: Label::Department,
        aliases: &[
            "department field office",
            "department office",
            "department or field office",
            "department",
            "dept",
            "field office",
            "departamento oficina exterior",
            "departamento",
            "département bureau extérieur",
            "département",
            "departamento escritório no terreno",
        ],
        home: Home::In(Section::General),
        inline: true,
        glued: true,
        implies: true,
    },
    LabelDef {
        label: Label::OrgUnit,
        aliases: &[
            "organisational unit",
            "organizational unit",
            "organisation unit",
            "organization unit",
            "team unit",
            "unit",
            "unidad organizativa",
            "unité organisationnelle",
            "unité administrative",
            "unidade organizacional",
            "unidade organizativa",
        ],
        home: Home::In(Section::General),
        inline: true,
        glued: true,
        implies: true,
    },
    LabelDef {
        label: Label::Supervisor,
        aliases: &[
            "direct supervision by",
            "direct supervisor",
            "supervised by",
            "name and title of supervisor",
            "supervisor",
            "supervisión directa a cargo de",
            "supervisión directa",
            "supervisado por",
            "supervision directe par",
            "supervision directe",
            "supervisé par",
            "supervisão direta por",
            "supervisão direta",
            "supervisionado por",
        ],
        home: Home::In(Section::Supervision),
        // the supervision row follows the form's rows: a value may run into it
        inline: true,
        glued: false,
        implies: true,
    },
    LabelDef {
        label: Label::SupervisorEmail,
        aliases: &["e mail address", "email address", "e mail", "email"],
        home: Home::In(Section::Supervision),
        inline: false,
        glued: false,
        implies: false,
    },
    LabelDef {
        label: Label::Methodology,
        aliases: &[
            "content and methodology of supervision",
            "content and methodology of the supervision",
            "methodology of supervision",
            "how the supervision will be carried out",
            "how supervision will be carried out",
            "contenido y metodología de la supervisión",
            "contenu et méthodologie de la supervision",
            "conteúdo e metodologia da supervisão",
            "supervision content and method",
        ],
        home: Home::In(Section::Supervision),
        inline: false,
        glued: false,
        implies: true,
    },
    LabelDef {
        label: Label::KeyOutputs,
        aliases: &[
            "key outputs",
            "expected outputs",
            "main outputs",
            "productos clave",
            "produits clés",
            "produtos principais",
            "produtos chave",
        ],
        home: Home::In(Section::Duties),
        inline: false,
        glued: false,
        implies: false,
    },
    LabelDef {
        label: Label::Education,
        aliases: &[
            "education",
            "educational background",
            "education requirements",
            "educación",
            "formation académique",
            "formation",
            "éducation",
            "formação acadêmica",
            "formação académica",
            "educação",
        ],
        home: Home::In(Section::Qualifications),
        inline: false,
        glued: false,
        implies: true,
    },
    LabelDef {
        label: Label::WorkExperience,
        aliases: &[
            "work experience",
            "professional experience",
            "experience",
            "experiencia laboral",
            "experiencia profesional",
            "experiencia",
            "expérience professionnelle",
            "expérience",
            "experiência profissional",
            "experiência",
        ],
        home: Home::In(Section::Qualifications),
        inline: false,
        glued: false,
        implies: true,
    },
    LabelDef {
        label: Label::Skills,
        aliases: &[
            "skills required for the assignment",
            "skills required for this assignment",
            "skills required",
            "skills",
            "habilidades requeridas para la asignación",
            "habilidades requeridas",
            "habilidades",
            "compétences requises pour l affectation",
            "compétences requises",
            "competências exigidas para a missão",
            "competências exigidas",
        ],
        home: Home::In(Section::Qualifications),
        inline: false,
        glued: false,
        implies: true,
    },
    LabelDef {
        label: Label::Languages,
        aliases: &["languages", "language", "language requirements", "idiomas", "langues", "línguas"],
        home: Home::In(Section::Qualifications),
        inline: false,
        glued: false,
        implies: true,
    },
    LabelDef {
        label: Label::Competencies,
        aliases: &[
            "ilo competencies",
            "competencies",
            "ilo core competencies",
            "competencias de la oit",
            "competencias",
            "compétences de l oit",
            "compétences",
            "competências da oit",
            "competências",
        ],
        home: Home::In(Section::Qualifications),
        inline: false,
        glued: false,
        implies: true,
    },
    LabelDef {
        label: Label::Minimum,
        aliases: &[
            "minimum",
            "minimum requirements",
            "minimum requirement",
            "required",
            "mínimo",
            "requisitos mínimos",
            "essential",
        ],
        home: Home::QualBlock,
        inline: true,
        glued: false,
        implies: false,
    },
    LabelDef {
        label: Label::Desirable,
        // "desireable": a common misspelling
        aliases: &[
            "desirable",
            "desired",
            "preferred",
            "desirable requirements",
            "desireable",
            "deseable",
            "souhaitable",
            "desejável",
        ],
        home: Home::QualBlock,
        inline: true,
        glued: false,
        implies: false,
    },
    LabelDef {
        label: Label::TrainingComponents,
        aliases: &[
            "training components",
            "training component",
            "componentes de formación",
            "composantes de formation",
            "componentes de formação",
        ],
        home: Home::In(Section::Learning),
        inline: false,
        glued: false,
        implies: true,
    },
    LabelDef {
        label: Label::LearningElements,
        aliases: &[
            "learning elements",
            "learning element",
            "learning objectives",
            "elementos de aprendizaje",
            "éléments d apprentissage",
            "elementos de aprendizagem",
        ],
        home: Home::In(Section::Learning),
        inline: false,
        glued: false,
        implies: true,
    },
];

/// Sentences that introduce the key-outputs list inside DUTIES; a line
/// containing one of these switches from responsibilities to key outputs.
pub(crate) const KEY_OUTPUTS_LEAD_INS: &[&str] = &[
    "contribute to the following key outputs",
    "following key outputs",
    "the following outputs",
    "expected key outputs",
    "key outputs expected",
    "siguientes productos clave",
    "produits clés suivants",
    "principaux résultats suivants",
    "seguintes produtos principais",
];

/// The lead-in sentence of the competencies list, left out of the value.
pub(crate) const COMPETENCIES_LEAD_INS: &[&str] = &[
    "the candidate is expected to demonstrate and be guided by ilo competencies",
    "expected to demonstrate and be guided by ilo competencies",
    "se espera que el candidato demuestre y se guíe por las competencias de la oit",
    "the candidate should demonstrate the following ilo core competencies",
    "espera se que o candidato demonstre e seja orientado pelas competências da oit",
];

/// Values that say a field has none ("Desirable: None", "N/A"): the whole
/// value, folded. Such a field has no value; its line is form text.
pub(crate) const NONE_VALUES: &[&str] = &[
    "none",
    "none required",
    "not required",
    "no requirement",
    "no requirements",
    "n a",
    "na",
    "not applicable",
    "nil",
    "not specified",
];

/// How a value that is not written yet starts ("To be determined with the
/// supervisor at the beginning of the assignment"), folded: a field whose
/// whole value is one such sentence has no value; its line is form text.
pub(crate) const NOT_YET_VALUES: &[&str] = &[
    "to be determined",
    "to be defined",
    "to be decided",
    "to be confirmed",
    "to be agreed",
    "to be discussed",
    "tbd",
    "tbc",
];

/// Words that only hold a field's place in a form left unfilled ("Grade:
/// TBD", "- XXX"), folded: a value made of nothing else has no value; its
/// line is form text.
/// The brackets of a mail merge's field that was not merged (`«Grade»`,
/// `<<Duty_Station>>`, `{{grade}}`): a value that is one such field only
/// holds the field's place.
pub(crate) const MERGE_FIELD_BRACKETS: &[(&str, &str)] = &[("«", "»"), ("<<", ">>"), ("{{", "}}")];

pub(crate) const PLACEHOLDER_WORDS: &[&str] = &["x", "xx", "xxx", "xxxx", "xxxxx", "xxxxxx", "tbd", "tbc", "tba"];

/// A phrase that marks a line as not content: the folded line starts with
/// it. A block of such text goes on over the lines that follow it without
/// a blank line ("Fraud warning: The ILO does not charge ...").
pub(crate) struct Phrase {
    pub text: &'static str,
}

const fn p(text: &'static str) -> Phrase {
    Phrase { text }
}

/// How the note for supervisors opens, folded: the note names the address
/// the form is sent to (`header.submission_email`).
pub(crate) const SUBMISSION_NOTES: &[&str] = &[
    "note for supervisors",
    "nota para los supervisores",
    "note aux superviseurs",
    "note pour les superviseurs",
    "nota para os supervisores",
];

/// Form text that is never content: the note for supervisors, the form's
/// title, the diversity statement, the smoke-free line, the fraud warning.
pub(crate) const BOILERPLATE: &[Phrase] = &[
    p("note for supervisors"),
    p("please complete the vacancy proposal form"),
    p("vacancy proposal for junior professional officers"),
    p("job description template"),
    p("the ilo values diversity"),
    p("we welcome applications from qualified women and men"),
    p("if needed reasonable accommodation will be provided"),
    p("the ilo has a smoke free environment"),
    p("fraud warning"),
    p("the ilo does not charge any fee"),
    p("messages originating from a non ilo e mail account"),
    p("in addition the ilo does not require or need to know"),
    p("applications from qualified women and men"),
    // the Spanish and French versions of the template
    p("nota para los supervisores"),
    p("propuesta de vacante para jóvenes profesionales"),
    p("plantilla de descripción del puesto"),
    p("la oit valora la diversidad"),
    p("la oit es un entorno libre de humo"),
    p("note aux superviseurs"),
    p("note pour les superviseurs"),
    p("proposition de vacance de poste"),
    p("l oit valorise la diversité"),
    p("l oit est un environnement sans fumée"),
    p("l oit offre un environnement sans tabac"),
    p("proposition de poste pour jeunes experts associés"),
    p("modèle de description de poste"),
    p("avertissement contre la fraude"),
    p("l oit ne perçoit aucun frais"),
    p("nous encourageons les candidatures"),
    p("nota para os supervisores"),
    p("proposta de vaga para oficiais profissionais júnior"),
    p("modelo de descrição de funções"),
    p("a oit valoriza a diversidade"),
    p("acolhemos candidaturas de mulheres e homens"),
    p("aviso de fraude"),
    p("a oit não cobra qualquer taxa"),
    p("a oit é um ambiente livre de fumo"),
    // the older "Associate Experts" revision
    p("vacancy proposal for associate experts"),
];

/// The template's last line, folded (a [`BOILERPLATE`] phrase too): the
/// form ends there. Text after it, up to a heading of the template, is
/// not the last field's (an e-mail's signature and disclaimer, a web
/// page's footer): it goes to residue.
pub(crate) const FORM_END: &[&str] = &[
    "the ilo has a smoke free environment",
    "la oit es un entorno libre de humo",
    "l oit est un environnement sans fumée",
    "l oit offre un environnement sans tabac",
    "a oit é um ambiente livre de fumo",
];

/// The navigation of a web page a form was copied from ("↑ Back to top",
/// "Print this page", the cookie banner, a related-pages box): never
/// content. Boilerplate, like a page header.
pub(crate) const WEB_CHROME: &[Phrase] = &[
    p("skip to main content"),
    p("skip to content"),
    p("back to top"),
    p("top of page"),
    p("print this page"),
    p("share this page"),
    p("was this page helpful"),
    p("this website uses cookies"),
    p("this site uses cookies"),
    p("accept all cookies"),
    p("related vacancy proposals"),
    p("related vacancies"),
    p("related content"),
    p("related links"),
    p("terms of use privacy policy"),
];

/// Characters that open a web page's footer line ("© 2025 International
/// Labour Organization"); the fold of a phrase drops them, so they are
/// matched on the line as written.
pub(crate) const WEB_CHROME_SIGNS: &[char] = &['©'];

/// Letterhead words and phrases, recognized only above the first section.
pub(crate) const LETTERHEAD: &[&str] = &[
    "international labour office",
    "international labour organization",
    "international labour organisation",
    "organización internacional del trabajo",
    "oficina internacional del trabajo",
    "organisation internationale du travail",
    "bureau international du travail",
    "organização internacional do trabalho",
    "organização",
    "internacional",
    "do trabalho",
    "bureau",
    "du travail",
    "oit",
    "international",
    "labour",
    "office",
    "organization",
    "organisation",
    "ilo",
];

/// Words after a section heading repeated on a new page ("DUTIES AND
/// RESPONSIBILITIES (cont'd)"), folded: the heading is that section's.
pub(crate) const HEADING_CONTINUED: &[&str] = &["cont d", "contd", "cont", "continued", "continuation", "suite"];

/// Words before a heading's number ("Section A - General information",
/// "Part 2 Supervision"), folded.
pub(crate) const HEADING_NUMBER_WORDS: &[&str] = &["section", "part", "paragraph", "para"];

/// Words of a heading the template does not have that starts a part of
/// the document outside the record (administrative annexes): a capitalized
/// heading line holding one of them ends the current field, and what
/// follows it is `unclassified` residue up to the next template heading or
/// label. Other unknown headings are the drafter's sub-headings: content.
pub(crate) const FOREIGN_SECTION_WORDS: &[&str] = &[
    "funding",
    "financing",
    "budget",
    "costs",
    "clearance",
    "clearances",
    "approval",
    "approvals",
    "endorsement",
    "signature",
    "signatures",
    "annex",
    "annexes",
    "appendix",
    "attachment",
    "attachments",
    "revision",
    "distribution",
];

/// Template guidance a drafter may have left in.
pub(crate) const GUIDANCE: &[Phrase] = &[
    p("please describe the supervisory role"),
    p("example text follows below"),
    p("describe briefly the main tasks"),
    p("this could include but is not limited to"),
    p("indicate which activities"),
    p("background information should include the following"),
    p("general outline of the programme project"),
    p("outline of planned developments concerning the programme project"),
    p("information about living arrangements conditions"),
    p("state the ilo outcome s from the programme and budget"),
    p("please specify"),
    p("please indicate"),
    p("please list"),
    p("all text in square brackets"),
];

/// The first words of a template placeholder in square brackets ("[Insert
/// name, title and e-mail address ...]", "[Describe ...]"): an instruction
/// to the drafter, never the value. Folded.
pub(crate) const PLACEHOLDER_OPENERS: &[&str] = &[
    "insert",
    "enter",
    "add",
    "type",
    "fill in",
    "describe",
    "indicate",
    "specify",
    "please",
    "provide",
    "select",
    "choose",
    "delete",
    "to be completed",
];

/// How a post's title opens (folded), as a whole word: a markdown heading
/// above the form that opens so is the post's title when no label gives
/// one ("# Junior Professional Officer on Disability Inclusion", a page
/// exported from a wiki).
pub(crate) const TITLE_OPENINGS: &[&str] = &["junior professional officer", "associate expert"];

/// Month names (folded) and their numbers; three-letter prefixes also match.
pub(crate) const MONTHS: &[(&str, u8)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    // Spanish and French
    ("enero", 1),
    ("janvier", 1),
    ("febrero", 2),
    ("février", 2),
    ("marzo", 3),
    ("mars", 3),
    ("abril", 4),
    ("avril", 4),
    ("mayo", 5),
    ("mai", 5),
    ("junio", 6),
    ("juin", 6),
    ("julio", 7),
    ("juillet", 7),
    ("agosto", 8),
    ("août", 8),
    ("septiembre", 9),
    ("septembre", 9),
    ("octubre", 10),
    ("octobre", 10),
    ("noviembre", 11),
    ("novembre", 11),
    ("diciembre", 12),
    ("décembre", 12),
    // Portuguese
    ("janeiro", 1),
    ("fevereiro", 2),
    ("março", 3),
    ("maio", 5),
    ("junho", 6),
    ("julho", 7),
    ("setembro", 9),
    ("outubro", 10),
    ("novembro", 11),
    ("dezembro", 12),
];

/// Labels of a date standing above GENERAL INFORMATION (folded): "Date:
/// 12 November 2024". A date there, labelled so or standing alone, gives
/// the year (and month) of issue as a guess when no label of theirs does.
pub(crate) const DATE_LABELS: &[&str] = &["date", "dated", "fecha", "data"];

/// Titles of a table of contents left in the document (folded).
pub(crate) const TOC_TITLES: &[&str] =
    &["table of contents", "contents", "table des matières", "sommaire", "índice", "tabla de contenido", "sumário"];

/// Lower-case words inside place names that close an acronym
/// ("CO-Dar es Salaam", "CO-Rio de Janeiro", "CO-Port of Spain").
pub(crate) const PLACE_NAME_PARTICLES: &[&str] =
    &["es", "de", "del", "da", "do", "dos", "du", "la", "le", "el", "al", "of", "y"];

/// Number words used in durations ("One year", "eighteen months").
pub(crate) const NUMBER_WORDS: &[(&str, u16)] = &[
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("nine", 9),
    ("twelve", 12),
    ("eighteen", 18),
    ("twenty four", 24),
    ("thirty six", 36),
    ("a", 1),
    ("an", 1),
];

/// The words of a duration's unit, folded, with the months each stands
/// for ("24 months", "2 yrs", "24 mois", "12 meses", "2 ans").
pub(crate) const DURATION_UNITS: &[(&str, u16)] = &[
    ("months", 1),
    ("month", 1),
    ("mos", 1),
    ("mo", 1),
    ("years", 12),
    ("year", 12),
    ("yrs", 12),
    ("yr", 12),
    // French
    ("mois", 1),
    ("ans", 12),
    ("an", 12),
    ("années", 12),
    ("année", 12),
    // Spanish
    ("meses", 1),
    ("mes", 1),
    ("años", 12),
    ("año", 12),
    // Portuguese ("meses" above)
    ("mês", 1),
    ("anos", 12),
    ("ano", 12),
];

/// Words saying an assignment can be extended.
pub(crate) const RENEWABLE_WORDS: &[&str] = &[
    "renewable",
    "extendable",
    "extendible",
    "extension",
    "extended",
    "renewal",
    "renouvelable",
    "renovable",
    "prorrogable",
    "renovável",
    "prorrogável",
];

/// Words saying it cannot (checked first: "non-renewable").
pub(crate) const NOT_RENEWABLE_WORDS: &[&str] = &[
    "non renewable",
    "not renewable",
    "non extendable",
    "no extension",
    "not extendable",
    "non renouvelable",
    "no renovable",
    "no prorrogable",
    "não renovável",
    "não prorrogável",
];

/// Words of job titles: a phrase holding one is a position, not a name
/// ("Rina Kusumawardani Programme Officer").
pub(crate) const ROLE_WORDS: &[&str] = &[
    "officer",
    "specialist",
    "head",
    "director",
    "chief",
    "coordinator",
    "manager",
    "adviser",
    "advisor",
    "economist",
    "programme",
    "program",
    "senior",
    "junior",
    "technical",
    "unit",
    "branch",
    "department",
    "team",
    "office",
    "expert",
    "analyst",
    "statistician",
    "researcher",
    "consultant",
    "assistant",
    "associate",
    "lead",
    "deputy",
    "legal",
    "policy",
    "project",
    "regional",
    "national",
    "principal",
    "country",
    "desk",
    "focal",
    "point",
    "section",
];

/// Sub-labels of the supervisor's name, when the supervisor is given as
/// labelled lines ("Name: ...", "Title: ...", "Email: ..."), folded.
/// Longer aliases first.
pub(crate) const SUPERVISOR_NAME_LABELS: &[&str] = &["name of supervisor", "supervisor name", "full name", "name"];

/// Sub-labels of the supervisor's position (see
/// [`SUPERVISOR_NAME_LABELS`]), folded. Longer aliases first.
pub(crate) const SUPERVISOR_POSITION_LABELS: &[&str] =
    &["functional title", "position title", "job title", "position", "function", "title"];

/// Sub-labels of the supervisor's e-mail inside the value (see
/// [`SUPERVISOR_NAME_LABELS`]), folded.
pub(crate) const SUPERVISOR_EMAIL_LABELS: &[&str] = &["e mail address", "email address", "e mail", "email"];

/// Courtesy and academic titles before a name (folded, without the dot).
pub(crate) const HONORIFICS: &[&str] = &["mr", "mrs", "ms", "miss", "dr", "prof", "professor", "mme", "m"];

/// Words that may stand inside a person's name in lower case.
pub(crate) const NAME_PARTICLES: &[&str] =
    &["de", "da", "del", "della", "der", "di", "van", "von", "den", "du", "la", "le", "bin", "al", "y"];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold;

    fn assert_folded(s: &str) {
        assert_eq!(fold(s), s, "table entry {s:?} is not in folded form");
    }

    #[test]
    fn every_table_entry_is_folded() {
        for h in HEADINGS {
            h.aliases.iter().for_each(|a| assert_folded(a));
        }
        for l in LABELS {
            l.aliases.iter().for_each(|a| assert_folded(a));
        }
        for ph in BOILERPLATE.iter().chain(GUIDANCE) {
            assert_folded(ph.text);
        }
        KEY_OUTPUTS_LEAD_INS
            .iter()
            .chain(COMPETENCIES_LEAD_INS)
            .chain(LETTERHEAD)
            .chain(RENEWABLE_WORDS)
            .chain(NOT_RENEWABLE_WORDS)
            .chain(ROLE_WORDS)
            .chain(HONORIFICS)
            .chain(FOREIGN_SECTION_WORDS)
            .chain(HEADING_CONTINUED)
            .chain(NONE_VALUES)
            .chain(NOT_YET_VALUES)
            .chain(SUPERVISOR_NAME_LABELS)
            .chain(SUPERVISOR_POSITION_LABELS)
            .chain(SUPERVISOR_EMAIL_LABELS)
            .chain(PLACEHOLDER_OPENERS)
            .for_each(|a| assert_folded(a));
    }

    #[test]
    fn every_section_has_a_heading() {
        for s in [
            Section::General,
            Section::Supervision,
            Section::Introduction,
            Section::Duties,
            Section::Qualifications,
            Section::Learning,
            Section::Background,
        ] {
            assert!(HEADINGS.iter().any(|h| h.section == s));
        }
    }

    #[test]
    fn no_alias_is_shared_by_two_labels_or_headings() {
        let mut seen = std::collections::BTreeSet::new();
        for a in LABELS.iter().flat_map(|l| l.aliases) {
            assert!(seen.insert(*a), "label alias {a:?} twice");
        }
        let mut seen = std::collections::BTreeSet::new();
        for a in HEADINGS.iter().flat_map(|h| h.aliases) {
            assert!(seen.insert(*a), "heading alias {a:?} twice");
        }
    }
}
