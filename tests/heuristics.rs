//! One case per heuristic, through the public API: a small document, the
//! field it is about, the value and flags expected. A new case is one entry.

use vacancy_ingest::{parse_text, Confidence, Flag, Vacancy};

type Get = fn(&Vacancy) -> (Option<String>, Confidence, Vec<Flag>);

fn title(v: &Vacancy) -> (Option<String>, Confidence, Vec<Flag>) {
    let f = &v.general.title;
    (f.value.clone(), f.confidence, f.flags.clone())
}

fn duty_station(v: &Vacancy) -> (Option<String>, Confidence, Vec<Flag>) {
    let f = &v.general.duty_station;
    (f.value.clone(), f.confidence, f.flags.clone())
}

fn duration(v: &Vacancy) -> (Option<String>, Confidence, Vec<Flag>) {
    let f = &v.general.duration;
    (f.value.as_ref().map(|d| format!("{} {}", d.months, d.renewable)), f.confidence, f.flags.clone())
}

fn grade(v: &Vacancy) -> (Option<String>, Confidence, Vec<Flag>) {
    let f = &v.general.grade;
    (f.value.clone(), f.confidence, f.flags.clone())
}

fn submission_email(v: &Vacancy) -> (Option<String>, Confidence, Vec<Flag>) {
    let f = &v.header.submission_email;
    (f.value.clone(), f.confidence, f.flags.clone())
}

fn org_unit(v: &Vacancy) -> (Option<String>, Confidence, Vec<Flag>) {
    let f = &v.general.organisational_unit;
    (f.value.as_ref().map(|u| format!("{} | {:?}", u.name, u.acronym)), f.confidence, f.flags.clone())
}

fn post_number(v: &Vacancy) -> (Option<String>, Confidence, Vec<Flag>) {
    let f = &v.header.post_number;
    (f.value.clone(), f.confidence, f.flags.clone())
}

fn issue_month(v: &Vacancy) -> (Option<String>, Confidence, Vec<Flag>) {
    let f = &v.header.issue_month;
    (f.value.map(|m| m.to_string()), f.confidence, f.flags.clone())
}

fn issue_year(v: &Vacancy) -> (Option<String>, Confidence, Vec<Flag>) {
    let f = &v.header.issue_year;
    (f.value.map(|y| y.to_string()), f.confidence, f.flags.clone())
}

fn joined(f: &vacancy_ingest::Field<Vec<String>>) -> (Option<String>, Confidence, Vec<Flag>) {
    (f.value.as_ref().map(|v| v.join(" | ")), f.confidence, f.flags.clone())
}

fn intro(v: &Vacancy) -> (Option<String>, Confidence, Vec<Flag>) {
    joined(&v.introduction)
}

fn responsibilities(v: &Vacancy) -> (Option<String>, Confidence, Vec<Flag>) {
    joined(&v.duties.responsibilities)
}

fn key_outputs(v: &Vacancy) -> (Option<String>, Confidence, Vec<Flag>) {
    joined(&v.duties.key_outputs)
}

fn methodology(v: &Vacancy) -> (Option<String>, Confidence, Vec<Flag>) {
    joined(&v.supervision.methodology)
}

fn languages_min(v: &Vacancy) -> (Option<String>, Confidence, Vec<Flag>) {
    joined(&v.qualifications.languages.minimum)
}

fn education_min(v: &Vacancy) -> (Option<String>, Confidence, Vec<Flag>) {
    joined(&v.qualifications.education.minimum)
}

fn work_des(v: &Vacancy) -> (Option<String>, Confidence, Vec<Flag>) {
    joined(&v.qualifications.work_experience.desirable)
}

fn skills_min(v: &Vacancy) -> (Option<String>, Confidence, Vec<Flag>) {
    joined(&v.qualifications.skills.minimum)
}

fn skills_des(v: &Vacancy) -> (Option<String>, Confidence, Vec<Flag>) {
    joined(&v.qualifications.skills.desirable)
}

fn competencies(v: &Vacancy) -> (Option<String>, Confidence, Vec<Flag>) {
    joined(&v.qualifications.competencies)
}

fn background(v: &Vacancy) -> (Option<String>, Confidence, Vec<Flag>) {
    joined(&v.background)
}

fn learning_elements(v: &Vacancy) -> (Option<String>, Confidence, Vec<Flag>) {
    joined(&v.learning.learning_elements)
}

fn supervisor(v: &Vacancy) -> (Option<String>, Confidence, Vec<Flag>) {
    let f = &v.supervision.supervisor;
    let text = f.value.as_ref().map(|s| format!("{} | {:?} | {:?}", s.name, s.position, s.email));
    (text, f.confidence, f.flags.clone())
}

/// (name, input, field, value, confidence, flags that must be set)
type Case = (&'static str, &'static str, Get, Option<&'static str>, Confidence, &'static [Flag]);

const CASES: &[Case] = &[
    (
        "the note for supervisors goes on over a boilerplate line of its own, with the address",
        "Note for supervisors:\nPlease complete the vacancy proposal form and submit it to jpo@ilo.org.\n\nGENERAL INFORMATION\n\nTitle: Officer\n",
        submission_email,
        Some("jpo@ilo.org"),
        Confidence::High,
        &[],
    ),
    (
        "an AsciiDoc description list entry: the term's double colon is markup",
        "= Vacancy\n\n== General information\n\nTitle:: Officer in Statistics\nGrade:: P2\n\n== Supervision\n",
        grade,
        Some("P2"),
        Confidence::High,
        &[],
    ),
    (
        "a Confluence table row of a header cell and a value cell is a form row",
        "h1. Office\nh2. GENERAL INFORMATION\n||Title|Officer in _Statistics_|\n||Duty station||Suva, Fiji||\nh2. SUPERVISION\n",
        duty_station,
        Some("Suva, Fiji"),
        Confidence::High,
        &[Flag::MarkupStripped],
    ),
    (
        "a bracketed hint before a form's answer is guidance, the answer follows it",
        "GENERAL INFORMATION\n\nTitle: [Officer in + area of work, e.g. Officer in Trade] Officer in Fisheries Statistics\n",
        title,
        Some("Officer in Fisheries Statistics"),
        Confidence::High,
        &[Flag::TemplateGuidanceRemoved],
    ),
    (
        "a bracketed hint alone on a form row: the answer is on the next line",
        "GENERAL INFORMATION\n\nDuty station: [Town, Country]\nSuva, Fiji\n\nGrade: P2\n",
        duty_station,
        Some("Suva, Fiji"),
        Confidence::High,
        &[Flag::TemplateGuidanceRemoved],
    ),
    (
        "a bracketed hint after a form's answer is guidance",
        "GENERAL INFORMATION\n\nGrade: P1 [posts are classified at P1 or P2]\n",
        grade,
        Some("P1"),
        Confidence::High,
        &[Flag::TemplateGuidanceRemoved],
    ),
    (
        "a bracketed hint after a unit's name is not its acronym",
        "GENERAL INFORMATION\n\nOrganisational unit: Fisheries Statistics Unit [Branch / Unit, with acronym]\n",
        org_unit,
        Some("Fisheries Statistics Unit | None"),
        Confidence::High,
        &[Flag::TemplateGuidanceRemoved],
    ),
    (
        "a bracketed hint on a desirable row: its value is the next line",
        "QUALIFICATIONS AND EXPERIENCE\n\nSkills:\n\nMinimum: Drafting.\n\nDesirable: [e.g. software, packages]\nKnowledge of GIS tools.\n",
        skills_des,
        Some("Knowledge of GIS tools."),
        Confidence::High,
        &[],
    ),
    (
        "a supervisor in labelled rows with blank lines between keeps its position",
        "SUPERVISION\n\nDirect Supervision by:\n\nName: Jane Mary Doe\n\nTitle: Senior Fisheries Officer\n\nE-mail: doe@ilo.org\n\nContent and methodology of supervision:\n\nMonthly reviews.\n",
        supervisor,
        Some("Jane Mary Doe | Some(\"Senior Fisheries Officer\") | Some(\"doe@ilo.org\")"),
        Confidence::High,
        &[],
    ),
    (
        "a Wingdings bullet exported as a section sign and a tab is a list marker",
        "DUTIES AND RESPONSIBILITIES\n\nThe JPO will perform the following duties:\n\u{a7}\tCount the fish.\n\u{a7}\tWeigh the fish.\n",
        responsibilities,
        Some("The JPO will perform the following duties: | Count the fish. | Weigh the fish."),
        Confidence::High,
        &[],
    ),
    (
        "the older revision's headings and its Essential sub-label",
        "DUTIES\n\n- Count the fish.\n\nREQUIRED QUALIFICATIONS\n\nEducation\n\n    Essential:          A degree in biology.\n",
        education_min,
        Some("A degree in biology."),
        Confidence::High,
        &[],
    ),
    (
        "a supervisor whose position keeps markup not understood is a guess",
        "SUPERVISION\n\nDirect Supervision by: Jane Doe, Senior Actuary {see annex}, doe@ilo.org\n",
        supervisor,
        Some("Jane Doe | Some(\"Senior Actuary {see annex}\") | Some(\"doe@ilo.org\")"),
        Confidence::Medium,
        &[Flag::MarkupLeft],
    ),
    (
        "a supervisor's address in a pandoc span link is markup",
        "SUPERVISION\n\nDirect Supervision by: Jane Doe, Senior Actuary, [[doe@ilo.org]{.underline}](mailto:doe@ilo.org)\n",
        supervisor,
        Some("Jane Doe | Some(\"Senior Actuary\") | Some(\"doe@ilo.org\")"),
        Confidence::High,
        &[Flag::MarkupStripped],
    ),
    (
        "a form label glued to its value: split at the capital, a guess",
        "GENERAL INFORMATION\nTitleJPO in labour statistics\nDuty station: Lima, Peru\n",
        title,
        Some("JPO in labour statistics"),
        Confidence::Medium,
        &[Flag::LabelGlued],
    ),
    (
        "a two-word form label glued to its value",
        "GENERAL INFORMATION\nTitle: JPO in labour statistics\nDuty stationQuito, Ecuador\n",
        duty_station,
        Some("Quito, Ecuador"),
        Confidence::Medium,
        &[Flag::LabelGlued],
    ),
    (
        "a glued label does not take the line before it: the value above ends there",
        "GENERAL INFORMATION\nDepartment: Employment Policy Department (EMPLOYMENT)\nOrganizational unitYouth Employment Programme (YEP)\n",
        org_unit,
        Some("Youth Employment Programme | Some(\"YEP\")"),
        Confidence::Medium,
        &[Flag::LabelGlued],
    ),
    (
        "a word that starts like a label is no glued label",
        "GENERAL INFORMATION\nTitle: JPO\n\nINTRODUCTION\nTitled reports and Locations are listed.\n",
        intro,
        Some("Titled reports and Locations are listed."),
        Confidence::High,
        &[],
    ),
    (
        "a value glued to the next label: the first value is cut at the label, a guess",
        "GENERAL INFORMATION\nTitle: JPO in statistics\nGrade:P3Duration of the assignment:24 months (renewable)\n",
        grade,
        Some("P3"),
        Confidence::Medium,
        &[Flag::LabelGlued],
    ),
    (
        "a value glued to the next label: the label after it gets its value, a guess",
        "GENERAL INFORMATION\nTitle: JPO in statistics\nGrade:P3Duration of the assignment:24 months (renewable)\n",
        duration,
        Some("24 true"),
        Confidence::Medium,
        &[Flag::LabelGlued],
    ),
    (
        "header fields glued on one line: a number before the next label",
        "Post number:2950Month of issue:MarchYear:2031\nGENERAL INFORMATION\nTitle: JPO\n",
        post_number,
        Some("2950"),
        Confidence::Medium,
        &[Flag::LabelGlued],
    ),
    (
        "header fields glued on one line: a month before the next label",
        "Post number:2950Month of issue:MarchYear:2031\nGENERAL INFORMATION\nTitle: JPO\n",
        issue_month,
        Some("3"),
        Confidence::Medium,
        &[Flag::LabelGlued],
    ),
    (
        "header fields glued on one line: the last label",
        "Post number:2950Month of issue:MarchYear:2031\nGENERAL INFORMATION\nTitle: JPO\n",
        issue_year,
        Some("2031"),
        Confidence::Medium,
        &[Flag::LabelGlued],
    ),
    (
        "a numbered sub-part's title with a typo, alone on its line, is the label (a guess)",
        "QUALIFICATIONS AND EXPERIENCE\n\nb) Work experience\n\nMinimum:\nTwo years.\n\nc) Skills required for the assigment\n\nMinimum:\nGood drafting.\n",
        skills_min,
        Some("Good drafting."),
        Confidence::Medium,
        &[Flag::LabelFuzzy],
    ),
    (
        "a PDF-to-markdown converter's page anchors are page breaks: the header it kept on each page is furniture",
        "SUPERVISION\nContent and methodology of supervision:\nWeekly meetings.\n\nJPO Proposal - Post 1\n\n<span id=\"page-1-0\"></span>## INTRODUCTION\nText one.\n\nJPO Proposal - Post 1\n\n<span id=\"page-2-0\"></span>## BACKGROUND INFORMATION\nText two.\n",
        methodology,
        Some("Weekly meetings."),
        Confidence::High,
        &[],
    ),
    (
        "a pandoc multiline table: a row's cells wrapped within their columns are read whole",
        "QUALIFICATIONS AND EXPERIENCE\n\n  ------------------------------------------\n                 Minimum          Desirable\n  -------------- ---------------- ---------\n  Skills         Strong drafting  Knowledge\n  required for   skills in        of R.\n  the assignment English.\n\n  ------------------------------------------\n",
        skills_min,
        Some("Strong drafting skills in English."),
        Confidence::High,
        &[Flag::MarkupStripped],
    ),
    (
        "a SharePoint list export's Name;#Value pairs are the form's labelled lines",
        "ID;#118;#Post number;#2950;#Year;#2031\nTitle;#Junior Professional Officer;#Duty station;#Bangkok, Thailand;#Grade;#P2\nIntroduction;#<div>First.</div><div>Second.</div>;#Modified;#2025-05-12T09:41:07Z\n",
        duty_station,
        Some("Bangkok, Thailand"),
        // the export has no GENERAL INFORMATION heading
        Confidence::Medium,
        &[Flag::HeadingInferred],
    ),
    (
        "a footnote's reference in superscript is no text of the value",
        "GENERAL INFORMATION\nGrade: P2<sup>1</sup>\nTitle: JPO\n",
        grade,
        Some("P2"),
        Confidence::High,
        &[Flag::MarkupStripped],
    ),
    (
        "a letter's date above the form gives the year of issue as a guess",
        "Post number: 2950\nDate: 12 March 2031\n\nGENERAL INFORMATION\nTitle: JPO\n",
        issue_year,
        Some("2031"),
        Confidence::Medium,
        &[Flag::Inferred],
    ),
    (
        "a letter's date above the form gives the month of issue as a guess",
        "Post number: 2950\n2031-03-12\n\nGENERAL INFORMATION\nTitle: JPO\n",
        issue_month,
        Some("3"),
        Confidence::Medium,
        &[Flag::Inferred],
    ),
    (
        "a year label wins over a date above the form",
        "Post number: 2950\nYear: 2030\n12 March 2031\n\nGENERAL INFORMATION\nTitle: JPO\n",
        issue_year,
        Some("2030"),
        Confidence::High,
        &[],
    ),
    (
        "a date that is a label's value is not the page's date",
        "Post number: 2950\nYear:\n12 March 2031\n\nGENERAL INFORMATION\nTitle: JPO\n",
        issue_year,
        Some("2031"),
        Confidence::High,
        &[],
    ),
    (
        "two columns read a line each in turn: a label's words around its value's line",
        "GENERAL INFORMATION\n\nTitle:\nJPO in statistics\nDuration of the\n6 months, renewable\nassignment:\nGrade:\nP2\n",
        duration,
        Some("6 true"),
        Confidence::High,
        &[],
    ),
    (
        "two columns read a line each in turn: a label over three lines, its value over two",
        "SUPERVISION\n\nContent and\nWeekly reviews of the\nmethodology of\nwork plan.\nsupervision:\n\nINTRODUCTION\nText.\n",
        methodology,
        Some("Weekly reviews of the work plan."),
        Confidence::High,
        &[],
    ),
    (
        "two columns read a line each in turn: a sub-label in the value's column",
        "QUALIFICATIONS AND EXPERIENCE\n\nSkills required for\nMinimum: Sound drafting\nthe assignment:\nskills in French.\nDesirable: Knowledge of R.\n",
        skills_min,
        Some("Sound drafting skills in French."),
        Confidence::High,
        &[],
    ),
    (
        "two columns read a line each in turn: words that are no label's stay text",
        "GENERAL INFORMATION\n\nGrade: P2\nDuration of the\nproject is long\nwork:\n",
        duration,
        None,
        Confidence::None,
        &[],
    ),
    (
        "two columns: a label wrapped in its column beside a sub-label",
        "QUALIFICATIONS AND EXPERIENCE\n\nWork experience:      Minimum:\n                      Three years in statistics.\n\nSkills required for the      Minimum:\nassignment:                  Sound drafting skills.\n                             Desirable:\n                             Knowledge of R.\n",
        skills_min,
        Some("Sound drafting skills."),
        Confidence::High,
        &[],
    ),
    (
        "two columns: the wrapped label's desirable below",
        "QUALIFICATIONS AND EXPERIENCE\n\nWork experience:      Minimum:\n                      Three years in statistics.\n\nSkills required for the      Minimum:\nassignment:                  Sound drafting skills.\n                             Desirable:\n                             Knowledge of R.\n",
        skills_des,
        Some("Knowledge of R."),
        Confidence::High,
        &[],
    ),
    (
        "two columns: the wrapped label is not the block before it",
        "QUALIFICATIONS AND EXPERIENCE\n\nWork experience:      Minimum:\n                      Three years in statistics.\n                      Desirable:\n                      -\n\nSkills required for the      Minimum:\nassignment:                  Sound drafting skills.\n",
        work_des,
        None,
        Confidence::None,
        &[],
    ),
    (
        "two columns: a label wrapped beside its value's first line",
        "SUPERVISION\n\nContent and methodology of    The JPO and the supervisor will\nsupervision:                  meet every week.\n",
        methodology,
        Some("The JPO and the supervisor will meet every week."),
        Confidence::High,
        &[],
    ),
    (
        "label on its own line, value below",
        "GENERAL INFORMATION\n\nTitle:\n\nJunior Professional Officer in statistics\n",
        title,
        Some("Junior Professional Officer in statistics"),
        Confidence::High,
        &[],
    ),
    (
        "several labels on one line",
        "GENERAL INFORMATION\nTitle: JPO in statistics Duty station: Lima, Peru Grade: P-1\n",
        grade,
        Some("P1"),
        Confidence::High,
        &[Flag::InlineLabel],
    ),
    (
        "rows run together across lines",
        "GENERAL INFORMATION\nTitle: JPO in statistics Duty\nstation: Lima, Peru Grade: P2\n",
        grade,
        Some("P2"),
        Confidence::High,
        &[Flag::InlineLabel],
    ),
    (
        "missing heading inferred from a label",
        "Post number: 1\nTitle: JPO in statistics\n",
        title,
        Some("JPO in statistics"),
        Confidence::Medium,
        &[Flag::HeadingInferred],
    ),
    (
        "heading with a typo",
        "GENERAL INFORMATION\nTitle: T\n\nINTRODUCTON\n\nThe office is in Lima.\n",
        intro,
        Some("The office is in Lima."),
        Confidence::Medium,
        &[Flag::HeadingFuzzy],
    ),
    (
        "heading with OCR confusions only",
        "GENERAL INFORMATION\nTitle: T\n\nlNTRODUCTlON\n\nThe office is in Lima.\n",
        intro,
        Some("The office is in Lima."),
        Confidence::High,
        &[Flag::HeadingFuzzy],
    ),
    (
        "heading merged onto the previous line",
        "INTRODUCTION\nThe office is in Lima. DUTIES AND RESPONSIBILITIES\n- Support the team.\n",
        responsibilities,
        Some("Support the team."),
        Confidence::High,
        &[],
    ),
    (
        "heading split over two lines",
        "INTRODUCTION\nIntro.\n\nDUTIES AND\nRESPONSIBILITIES\n- Support the team.\n",
        responsibilities,
        Some("Support the team."),
        Confidence::High,
        &[],
    ),
    (
        "section out of order",
        "DUTIES AND RESPONSIBILITIES\n- Support the team.\n\nINTRODUCTION\n\nThe office is in Lima.\n",
        intro,
        Some("The office is in Lima."),
        Confidence::Medium,
        &[Flag::OutOfOrder],
    ),
    (
        "key-output lead-in wrapped over two lines",
        "DUTIES AND RESPONSIBILITIES\n- Support the team.\nDuring the period of assignment, the JPO will contribute to the\nfollowing key outputs:\n- A report.\n",
        key_outputs,
        Some("A report."),
        Confidence::High,
        &[],
    ),
    (
        "template guidance removed",
        "SUPERVISION\nContent and methodology of supervision:\nPlease describe the supervisory role exercised in terms of planning.\n\nA work plan will be agreed.\n",
        methodology,
        Some("A work plan will be agreed."),
        Confidence::High,
        &[Flag::TemplateGuidanceRemoved],
    ),
    (
        "repeated line dropped",
        "INTRODUCTION\nThe office is in Lima and covers the region.\nThe office is in Lima and covers the region.\n",
        intro,
        Some("The office is in Lima and covers the region."),
        Confidence::High,
        &[Flag::DuplicateRemoved],
    ),
    (
        "doubled label on the value line",
        "QUALIFICATIONS AND EXPERIENCE\nLanguages:\nMinimum:\n\nMinimum: English.\n",
        languages_min,
        Some("English."),
        Confidence::High,
        &[Flag::LabelsMerged],
    ),
    (
        "the same label twice, contents merged",
        "QUALIFICATIONS AND EXPERIENCE\nWork experience:\nDesirable: Research.\n\nDesirable:\nField work.\n",
        work_des,
        Some("Research. | Field work."),
        Confidence::High,
        &[Flag::LabelsMerged],
    ),
    (
        "Minimum and Desirable on one line",
        "QUALIFICATIONS AND EXPERIENCE\nLanguages: Minimum: English. Desirable: French.\n",
        languages_min,
        Some("English."),
        Confidence::High,
        &[Flag::InlineLabel],
    ),
    (
        "competency lead-in left out",
        "QUALIFICATIONS AND EXPERIENCE\nILO competencies:\nThe candidate is expected to demonstrate and be guided by ILO competencies, specifically:\n1. Communication.\n2. Teamwork.\n",
        competencies,
        Some("Communication. | Teamwork."),
        Confidence::High,
        &[],
    ),
    (
        "paragraph broken by a blank line mid-sentence",
        "BACKGROUND INFORMATION\nThe convention on decent work for\n\ndomestic workers was adopted in 2011.\n",
        background,
        Some("The convention on decent work for domestic workers was adopted in 2011."),
        Confidence::High,
        &[Flag::Repaired],
    ),
    (
        "boilerplate is not content",
        "BACKGROUND INFORMATION\nThe office is in Lima.\n\nThe ILO values diversity. We welcome applications.\n\nThe ILO has a smoke-free environment.\n",
        background,
        Some("The office is in Lima."),
        Confidence::High,
        &[],
    ),
    (
        "page furniture inside a paragraph",
        "BACKGROUND INFORMATION\nThe convention on decent work for\n\nPage 1 of 2\n\u{000C}\ndomestic workers was adopted.\n",
        background,
        Some("The convention on decent work for domestic workers was adopted."),
        Confidence::High,
        &[],
    ),
    (
        "a heading's words in lower case that go on with the sentence before",
        "DUTIES AND RESPONSIBILITIES\n\nThe JPO will perform the following\nduties and responsibilities:\n- Draft briefs.\n",
        responsibilities,
        Some("The JPO will perform the following duties and responsibilities: | Draft briefs."),
        Confidence::High,
        &[Flag::MultilineValue],
    ),
    (
        "a page number marks a page edge when the form feeds are lost",
        "INTRODUCTION\n\nThe office covers five countries.\nPage 1 of 3\nJPO proposal - post 9\nIt was set up in 1970.\nPage 2 of 3\nJPO proposal - post 9\nIt has 40 staff.\n",
        intro,
        Some("The office covers five countries. | It was set up in 1970. | It has 40 staff."),
        Confidence::High,
        &[],
    ),
    (
        "dot leaders between a label and its value",
        "GENERAL INFORMATION\n\nTitle: .................. JPO in statistics\nGrade ........ P2\n",
        title,
        Some("JPO in statistics"),
        Confidence::High,
        &[],
    ),
    (
        "a heading printed with every character twice",
        "IINNTTRROODDUUCCTTIIOONN\n\nThe office is in Lima.\n",
        intro,
        Some("The office is in Lima."),
        Confidence::High,
        &[],
    ),
    (
        "a page number between dashes is not a list item",
        "DUTIES AND RESPONSIBILITIES\n\n- Draft briefs.\n- Support the team.\n\n                - 2 -\n\nQUALIFICATIONS AND EXPERIENCE\n",
        responsibilities,
        Some("Draft briefs. | Support the team."),
        Confidence::High,
        &[],
    ),
    (
        "a section the template does not have ends the field before it",
        "INTRODUCTION\n\nThe office is in Lima.\n\nFUNDING ARRANGEMENTS\n\nThe post is funded by a donor.\n\nDUTIES AND RESPONSIBILITIES\n\n- Draft briefs.\n",
        intro,
        Some("The office is in Lima."),
        Confidence::Medium,
        &[Flag::NeighbourUnclassified],
    ),
    (
        "a section the template does not have: the template resumes after it",
        "INTRODUCTION\n\nThe office is in Lima.\n\nFUNDING ARRANGEMENTS\n\nThe post is funded by a donor.\n\nDUTIES AND RESPONSIBILITIES\n\n- Draft briefs.\n",
        responsibilities,
        Some("Draft briefs."),
        Confidence::High,
        &[],
    ),
    (
        "a drafter's sub-heading stays content",
        "BACKGROUND INFORMATION\n\nThe office is in Lima.\n\nKEY DOCUMENTS\n\nThe country programme.\n",
        background,
        Some("The office is in Lima. | KEY DOCUMENTS | The country programme."),
        Confidence::High,
        &[],
    ),
    (
        "values printed before their labels (a form exported column by column)",
        "GENERAL INFORMATION:\nJPO in statistics\nTitle:\nLima, Peru\nDuty station:\nP2\nGrade:\n\nSUPERVISION\n",
        title,
        Some("JPO in statistics"),
        Confidence::Medium,
        &[Flag::Inferred],
    ),
    (
        "values printed before their labels: the grade",
        "GENERAL INFORMATION:\nJPO in statistics\nTitle:\nLima, Peru\nDuty station:\nP2\nGrade:\n\nSUPERVISION\n",
        grade,
        Some("P2"),
        Confidence::Medium,
        &[Flag::Inferred],
    ),
    (
        "labels above their values are read as usual",
        "GENERAL INFORMATION:\nTitle:\nJPO in statistics\nDuty station:\nLima, Peru\nGrade:\nP2\n\nSUPERVISION\n",
        grade,
        Some("P2"),
        Confidence::High,
        &[],
    ),
    (
        "Minimum and Desirable labels stacked, their values below",
        "QUALIFICATIONS AND EXPERIENCE\n\nWork experience:\nMinimum:\nDesirable:\nTwo years in research.\n\nField work in Asia.\n\nLanguages:\n",
        work_des,
        Some("Field work in Asia."),
        Confidence::Medium,
        &[Flag::Inferred],
    ),
    (
        "a value that says it is not written yet",
        "DUTIES AND RESPONSIBILITIES\n\n- Draft briefs.\n\nDuring the period of assignment, the JPO will contribute to the following key outputs:\n\nTo be determined with the supervisor at the beginning of the assignment.\n\nQUALIFICATIONS AND EXPERIENCE\n",
        key_outputs,
        None,
        Confidence::None,
        &[Flag::Missing],
    ),
    (
        "label variants a drafter types, an abbreviation with its dot",
        "General Information\n===================\n\nTitle of post: JPO in statistics\nLevel: P2 Dept.: Statistics Department (STATISTICS)\n",
        grade,
        Some("P2"),
        Confidence::High,
        &[Flag::InlineLabel],
    ),
    (
        "a form quoted in an e-mail reply",
        "> GENERAL INFORMATION\n>\n> Title: JPO in statistics\n> > Grade: P2\n",
        title,
        Some("JPO in statistics"),
        Confidence::High,
        &[Flag::MarkupStripped],
    ),
    (
        "a table drawn with box characters",
        "GENERAL INFORMATION\n┌──────────┬──────────────────┐\n│ Title:   │ JPO in statistics │\n├──────────┼──────────────────┤\n│ Grade:   │ P2                │\n└──────────┴──────────────────┘\n",
        grade,
        Some("P2"),
        Confidence::High,
        &[],
    ),
    (
        "a word cut at the width of a fixed-width capture",
        "INTRODUCTION                               \n\nThe ILO Country Office for the Southern Con\ne covers five countries and works with the \nMinistry of Labour.                        \n\nDUTIES AND RESPONSIBILITIES                \n\n- Draft briefs.                            \n",
        intro,
        Some("The ILO Country Office for the Southern Cone covers five countries and works with the Ministry of Labour."),
        Confidence::High,
        &[Flag::Repaired],
    ),
    (
        "comment anchors and comments of a plain-text export",
        "BACKGROUND INFORMATION\n\nThe office is in Dakar[a].\n\n[a]Check this with PARDEV.\n",
        background,
        Some("The office is in Dakar."),
        Confidence::Medium,
        &[Flag::NeighbourUnclassified],
    ),
    (
        "mojibake whose bytes include a soft hyphen",
        "GENERAL INFORMATION\n\nTitle: JPO in Bogot\u{C3}\u{A1} and Ram\u{C3}\u{AD}rez\n",
        title,
        Some("JPO in Bogotá and Ramírez"),
        Confidence::High,
        &[Flag::Repaired],
    ),
    (
        "a value that says there is none",
        "QUALIFICATIONS AND EXPERIENCE\nWork experience:\nMinimum: Two years.\nDesirable: None\n",
        work_des,
        None,
        Confidence::None,
        &[Flag::Missing],
    ),
    (
        "a form field holding only a placeholder",
        "GENERAL INFORMATION\nTitle: JPO in statistics\nGrade: TBD\nDuty station: Lima, Peru\n",
        grade,
        None,
        Confidence::None,
        &[Flag::Missing],
    ),
    (
        "a list holding only a placeholder",
        "DUTIES AND RESPONSIBILITIES\n\nThe JPO will contribute to the following key outputs:\n\n- XXX\n\nSUPERVISION\n",
        key_outputs,
        None,
        Confidence::None,
        &[Flag::Missing],
    ),
    (
        "a duration in French",
        "GENERAL INFORMATION\nTitle: JPO in statistics\nDuration of the assignment: 24 mois, renouvelable\n",
        duration,
        Some("24 true"),
        Confidence::High,
        &[],
    ),
    (
        "a footer holding the page number ends a page: the running lines around it are furniture",
        "INTRODUCTION\n\nThe office works on statistics across the region and\nC:\\files\\proposal.doc    Page 1 of 3\nPrinted: 01/02/2025\nVacancy proposal - Post 1\nsupports the national offices.\nC:\\files\\proposal.doc    Page 2 of 3\nPrinted: 01/02/2025\nVacancy proposal - Post 1\nIt also trains.\nC:\\files\\proposal.doc    Page 3 of 3\nPrinted: 01/02/2025\n",
        intro,
        Some("The office works on statistics across the region and supports the national offices. | It also trains."),
        Confidence::High,
        &[],
    ),
    (
        "a web page's navigation around the form is boilerplate",
        "BACKGROUND INFORMATION\n\nThe office covers five countries.\n\n↑ Back to top\n\nRelated vacancy proposals\n* Junior Professional Officer in Statistics (Lima)\n\nWas this page helpful?   Yes   No\n\n© 2025 International Labour Organization\nTerms of use | Privacy policy\n",
        background,
        Some("The office covers five countries."),
        Confidence::High,
        &[],
    ),
    (
        "guidance glued after a label, the value on the next line in a capital",
        "SUPERVISION\nContent and methodology of supervision:Please describe the supervisory role exercised in terms of planning, guiding and reviewing the JPO. Example text follows below\nA work plan will be agreed in the first month.\n",
        methodology,
        Some("A work plan will be agreed in the first month."),
        Confidence::High,
        &[Flag::TemplateGuidanceRemoved],
    ),
    (
        "the Spanish version of the template",
        "INFORMACIÓN GENERAL\n\nTítulo: JPO en estadísticas laborales\nLugar de destino: Lima, Perú\nDuración de la asignación: 24 meses, renovable\n",
        duration,
        Some("24 true"),
        Confidence::High,
        &[],
    ),
    (
        "the French version of the template",
        "INFORMATIONS GÉNÉRALES\n\nTitre du poste: JPO en statistiques du travail\nLieu d'affectation: Dakar, Sénégal\n\nQUALIFICATIONS ET EXPÉRIENCE\n\nLangues:\nMinimum: Excellente maîtrise du français.\nSouhaitable: Connaissance de l'anglais.\n",
        languages_min,
        Some("Excellente maîtrise du français."),
        Confidence::High,
        &[],
    ),
    (
        "a form value that ran into a label it did not split off is a guess",
        "GENERAL INFORMATION\nTitle: JPO in statistics\nDuty station: Lima, Peru Duration of the 12 months, renewable\n",
        duty_station,
        Some("Lima, Peru Duration of the 12 months, renewable"),
        Confidence::Medium,
        &[Flag::LabelInValue],
    ),
    (
        "a unified diff is read as its new version",
        "diff --git a/vp.txt b/vp.txt\n--- a/vp.txt\n+++ b/vp.txt\n@@ -1,14 +1,14 @@\n GENERAL INFORMATION\n \n-Title: JPO in rural roads\n+Title: JPO in employment-intensive investment\n Duty station: Harare, Zimbabwe\n-Grade: P1\n+Grade: P2\n \n INTRODUCTION\n \n The office covers three countries.\n-It was opened in 1990.\n \n BACKGROUND INFORMATION\n",
        title,
        Some("JPO in employment-intensive investment"),
        Confidence::High,
        &[],
    ),
    (
        "list items one per line, ending with semicolons",
        "DUTIES AND RESPONSIBILITIES\n\nThe JPO will contribute to the following key outputs:\n\nA global overview of national activities;\nUpdated country profiles.\n",
        key_outputs,
        Some("A global overview of national activities; | Updated country profiles."),
        Confidence::High,
        &[],
    ),
    (
        "list items one per line, without punctuation",
        "TRAINING COMPONENTS AND LEARNING ELEMENTS\n\nTraining components:\n\nThe JPO will be trained on the job, in one paragraph per line as word processors export it, not hard-wrapped.\n\nLearning elements:\n\nBecome familiar with the standards\nGet acquainted with the work of a team\n",
        learning_elements,
        Some("Become familiar with the standards | Get acquainted with the work of a team"),
        Confidence::High,
        &[],
    ),
    (
        "the fraud warning with its text on the same line",
        "BACKGROUND INFORMATION\n\nThe unit was set up in 1970.\n\nFraud warning: The ILO does not charge any fee at any stage of the recruitment process.\n",
        background,
        Some("The unit was set up in 1970."),
        Confidence::High,
        &[],
    ),
    (
        "a supervisor given as labelled lines",
        "SUPERVISION\n\nDirect Supervision by:\n\nName: Jane Doe\nTitle: Senior Actuary, SOC/PFACTS\nEmail: doe@ilo.org\n",
        supervisor,
        Some("Jane Doe | Some(\"Senior Actuary, SOC/PFACTS\") | Some(\"doe@ilo.org\")"),
        Confidence::High,
        &[],
    ),
    (
        "a label split over two lines: the first line is not the value above",
        "QUALIFICATIONS AND EXPERIENCE\n\nEducation:\nMinimum: A degree.\nWork\nexperience:\nMinimum: Two years.\n",
        education_min,
        Some("A degree."),
        Confidence::High,
        &[],
    ),
    (
        "HTML: a label cell and its value cell on lines of their own",
        "<h2>GENERAL INFORMATION</h2>\n<table>\n<tr>\n<td width=\"34%\"><b>Title:</b></td>\n<td>JPO in\nstatistics</td>\n</tr>\n<tr>\n<td><b>Duty station:</b></td>\n<td>Lima,&nbsp;Peru</td>\n</tr>\n</table>\n",
        duty_station,
        Some("Lima, Peru"),
        Confidence::High,
        &[Flag::MarkupStripped],
    ),
    (
        "HTML: a qualifications table with rowspan label cells",
        "<h2>QUALIFICATIONS AND EXPERIENCE</h2>\n<table>\n<tr>\n<td rowspan=\"2\"><b>Languages:</b></td>\n<td>Minimum:</td>\n<td>Excellent command of English.</td>\n</tr>\n<tr>\n<td>Desirable:</td>\n<td>&nbsp;</td>\n</tr>\n</table>\n",
        languages_min,
        Some("Excellent command of English."),
        Confidence::High,
        &[Flag::MarkupStripped],
    ),
    (
        "HTML: a comment between list items is no item",
        "<h2>DUTIES AND RESPONSIBILITIES</h2>\n<ul>\n  <li>Support the programme&rsquo;s M&amp;E system;</li>\n<!-- check this with PARDEV -->\n  <li>Draft reports.</li>\n</ul>\n",
        responsibilities,
        Some("Support the programme’s M&E system; | Draft reports."),
        Confidence::High,
        &[Flag::MarkupStripped],
    ),
    (
        "HTML: a tag wrapped over lines by a word processor",
        "<h2>GENERAL INFORMATION</h2>\n<table>\n<tr><td valign=top style='border:solid windowtext 1.0pt;\npadding:0cm'><p class=MsoNormal><b>Grade:<o:p></o:p></b></p></td>\n<td>P2</td></tr>\n</table>\n",
        grade,
        Some("P2"),
        Confidence::High,
        &[Flag::MarkupStripped],
    ),
];

/// A grid table whose labels and values wrap inside their cells, and a
/// pipe table whose header names the Minimum/Desirable columns (synthetic
/// text in the shape of a pandoc markdown export).
const GRID_FORM: &str = "\
# GENERAL INFORMATION

+--------------------+----------------------------------------+
| **Duty             | Nairobi,                               |
| station:**         | Kenya                                  |
+--------------------+----------------------------------------+
| **Grade:**         | P2                                     |
+--------------------+----------------------------------------+
| **Department/      | Policy Unit (POL)                      |
| Field Office:**    |                                        |
+--------------------+----------------------------------------+

# SUPERVISION

+--------------------+----------------------------------------+
| **Content and      | *Please describe the supervisory role of |
| methodology of     | the supervisor in planning             |
| supervision:**     | the work.*                             |
|                    |                                        |
|                    | Monthly reviews of the                 |
|                    | work plan.                             |
+--------------------+----------------------------------------+

# QUALIFICATIONS AND EXPERIENCE

|                 | **Minimum**        | **Desirable**        |
|-----------------|--------------------|----------------------|
| **Education:**  | A master's degree. | A doctorate.         |
| **Languages:**  | Fluent French.     |                      |
";

#[test]
fn grid_and_pipe_tables_read_as_a_form() {
    let v = parse_text(GRID_FORM);
    let g = &v.general;
    assert_eq!(g.duty_station.value.as_deref(), Some("Nairobi, Kenya"));
    assert_eq!(g.duty_station.lines, Some([4, 5]));
    assert_eq!(g.grade.value.as_deref(), Some("P2"));
    let dept = g.department.value.as_ref().expect("department");
    assert_eq!((dept.name.as_str(), dept.acronym.as_deref()), ("Policy Unit", Some("POL")));
    // the label's second line, left with no text of its own, is the field's
    assert_eq!(g.department.lines, Some([9, 10]));
    let m = &v.supervision.methodology;
    assert_eq!(m.value.as_deref(), Some(&["Monthly reviews of the work plan.".to_string()][..]));
    assert!(m.flags.contains(&Flag::TemplateGuidanceRemoved), "{:?}", m.flags);
    assert!(
        v.residue.iter().any(|r| r.kind == vacancy_ingest::ResidueKind::TemplateGuidance
            && r.text.contains("role of the supervisor in planning the work")
            && r.lines == [16, 18]),
        "{:?}",
        v.residue
    );
    let q = &v.qualifications;
    assert_eq!(q.education.minimum.value.as_deref(), Some(&["A master's degree.".to_string()][..]));
    assert_eq!(q.education.desirable.value.as_deref(), Some(&["A doctorate.".to_string()][..]));
    assert_eq!(q.languages.minimum.value.as_deref(), Some(&["Fluent French.".to_string()][..]));
    assert_eq!(q.languages.desirable.value, None);
    // nothing lost: every non-blank input line is in a field or residue
    let ranges: Vec<[u32; 2]> = [
        g.duty_station.lines,
        g.grade.lines,
        g.department.lines,
        m.lines,
        q.education.minimum.lines,
        q.education.desirable.lines,
        q.languages.minimum.lines,
    ]
    .into_iter()
    .flatten()
    .chain(v.residue.iter().map(|r| r.lines))
    .collect();
    for (i, l) in GRID_FORM.lines().enumerate() {
        let no = i as u32 + 1;
        let covered = ranges.iter().any(|r| r[0] <= no && no <= r[1]);
        assert!(l.trim().is_empty() || covered, "line {no} lost: {l:?}");
    }
}

/// Bar tables: columns cut by `|` with no outer border, `====|====` under
/// the header row, `----|----` between rows, labels wrapped in their
/// column, a cell's paragraphs apart with a lone `|`, a qualification's
/// sub-label after a dash (synthetic text in the shape of a plain-text
/// export).
const BAR_FORM: &str = "\
GENERAL INFORMATION
===================

Field              | Value
===================|==============================
Duty station       | Nairobi,
                   | Kenya
-------------------|------------------------------
Duration of the    | 9 months, renewable
assignment         |
-------------------|------------------------------

SUPERVISION
===========

Field              | Value
===================|==============================
Content and        | Monthly reviews of the work
methodology of     | plan.
supervision        |
                   |
                   | Field visits every quarter.
-------------------|------------------------------

QUALIFICATIONS AND EXPERIENCE
=============================

 Field                | Value
----------------------+---------------------------
 Education – minimum  | A master's degree.
 Languages – desirable | Some Swahili.
";

#[test]
fn bar_tables_read_as_a_form() {
    let v = parse_text(BAR_FORM);
    let g = &v.general;
    assert_eq!(g.duty_station.value.as_deref(), Some("Nairobi, Kenya"));
    assert_eq!(g.duty_station.lines, Some([6, 7]));
    let d = g.duration.value.as_ref().expect("duration");
    assert_eq!((d.months, d.renewable), (9, true));
    assert_eq!(g.duration.lines, Some([9, 10]));
    let m = &v.supervision.methodology;
    assert_eq!(
        m.value.as_deref(),
        Some(&["Monthly reviews of the work plan.".to_string(), "Field visits every quarter.".to_string()][..])
    );
    let q = &v.qualifications;
    assert_eq!(q.education.minimum.value.as_deref(), Some(&["A master's degree.".to_string()][..]));
    // a row whose bar a wide cell pushed out of its column
    assert_eq!(q.languages.desirable.value.as_deref(), Some(&["Some Swahili.".to_string()][..]));
    // the header rows and the rules are layout
    for text in ["Field              | Value", "===================|=============================="] {
        assert!(v.residue.iter().any(|r| r.text == text), "{text:?} not in {:?}", v.residue);
    }
    // nothing lost: every non-blank input line is in a field or residue
    let ranges: Vec<[u32; 2]> =
        [g.duty_station.lines, g.duration.lines, m.lines, q.education.minimum.lines, q.languages.desirable.lines]
            .into_iter()
            .flatten()
            .chain(v.residue.iter().map(|r| r.lines))
            .collect();
    for (i, l) in BAR_FORM.lines().enumerate() {
        let no = i as u32 + 1;
        let covered = ranges.iter().any(|r| r[0] <= no && no <= r[1]);
        assert!(l.trim().is_empty() || covered, "line {no} lost: {l:?}");
    }
}

#[test]
fn heuristics_table() {
    for (name, input, get, value, confidence, flags) in CASES {
        let record = parse_text(input);
        let (v, c, f) = get(&record);
        assert_eq!(v.as_deref(), *value, "{name}: value");
        assert_eq!(c, *confidence, "{name}: confidence (flags {f:?})");
        for flag in *flags {
            assert!(f.contains(flag), "{name}: flag {flag:?} missing from {f:?}");
        }
    }
}

/// A form sent as a MIME e-mail: the text/plain part in quoted-printable
/// (soft breaks inside words and after an encoded space, a character
/// split over a break, a mail client's `text<mailto:...>` link), an HTML
/// alternative of the same form and a signature.
#[test]
fn quoted_printable_email_is_decoded_and_its_envelope_is_residue() {
    use vacancy_ingest::ResidueKind;
    let mail = [
        "From: =?utf-8?Q?Rossi=2C_Anna?= <rossia@example.org>",
        "To: Desk <desk@example.org>",
        "Subject: =?utf-8?B?Rm9ybQ==?=",
        "MIME-Version: 1.0",
        "Content-Type: multipart/alternative; boundary=\"b0\"",
        "",
        "--b0",
        "Content-Type: text/plain; charset=\"utf-8\"",
        "Content-Transfer-Encoding: quoted-printable",
        "",
        "GENERAL INFORMATION",
        "",
        "Title:\tJunior Professional Officer in Labour Migra=",
        "tion Statistics",
        "Duty station:\tGen=C3=",
        "=A8ve, Switzerland",
        "Grade:\tP2",
        "Department/ Field Office:\tConditions of Work and=20=",
        "Equality Department",
        "",
        "SUPERVISION",
        "",
        "Direct Supervision by:\tMaria Esposito",
        "Senior Statistician",
        "esposito@example.org<mailto:esposito@example.org>",
        "Content and methodology of supervision:\tThe supervisor meets the JPO weekly.=",
        " Work plans are agreed each quarter.",
        "",
        "-- ",
        "Anna Rossi",
        "--b0",
        "Content-Type: text/html; charset=\"utf-8\"",
        "Content-Transfer-Encoding: quoted-printable",
        "",
        "<p>Title: Junior Professional Officer in Other Things</p>",
        "<p>Grade: P3</p>",
        "--b0--",
    ]
    .join("\r\n");
    let v = parse_text(&mail);
    assert_eq!(v.general.title.value.as_deref(), Some("Junior Professional Officer in Labour Migration Statistics"));
    assert_eq!(v.general.title.lines, Some([13, 14]));
    assert_eq!(v.general.duty_station.value.as_deref(), Some("Genève, Switzerland"));
    assert_eq!(v.general.grade.value.as_deref(), Some("P2"));
    assert_eq!(
        v.general.department.value.as_ref().map(|u| u.name.as_str()),
        Some("Conditions of Work and Equality Department")
    );
    let sup = v.supervision.supervisor.value.as_ref().expect("a supervisor");
    assert_eq!(sup.email.as_deref(), Some("esposito@example.org"));
    assert_eq!(
        v.supervision.methodology.value.as_deref(),
        Some(&["The supervisor meets the JPO weekly. Work plans are agreed each quarter.".to_string()][..])
    );
    // the headers, the boundaries and the signature are residue, the HTML
    // alternative a duplicate of the plain part
    let kind_at = |no: u32| v.residue.iter().find(|r| r.lines[0] <= no && no <= r.lines[1]).map(|r| r.kind);
    for no in [1, 4, 7, 8, 29, 30, 31, 37] {
        assert_eq!(kind_at(no), Some(ResidueKind::Unclassified), "line {no}");
    }
    for no in [32, 35, 36] {
        assert_eq!(kind_at(no), Some(ResidueKind::Duplicate), "line {no}");
    }
    assert!(v.residue.iter().all(|r| !r.text.contains("Esposito")));
}

/// Every non-blank line of `input` is in a field range or in residue.
fn assert_no_line_lost(input: &str, v: &Vacancy) {
    let json = serde_json::to_value(v).expect("record serializes");
    let mut ranges = Vec::new();
    fn walk(x: &serde_json::Value, out: &mut Vec<(u64, u64)>) {
        match x {
            serde_json::Value::Object(m) => {
                if let Some(serde_json::Value::Array(l)) = m.get("lines") {
                    if let (Some(a), Some(b)) = (l.first().and_then(|a| a.as_u64()), l.get(1).and_then(|b| b.as_u64()))
                    {
                        out.push((a, b));
                    }
                }
                m.values().for_each(|y| walk(y, out));
            }
            serde_json::Value::Array(a) => a.iter().for_each(|y| walk(y, out)),
            _ => {}
        }
    }
    walk(&json, &mut ranges);
    for (i, l) in input.split('\n').enumerate() {
        let no = i as u64 + 1;
        assert!(l.trim().is_empty() || ranges.iter().any(|&(a, b)| a <= no && no <= b), "line {no} lost: {l:?}");
    }
}

/// A form exported as CSV key-value rows (synthetic): quoted cells, CRLF
/// rows, a cell whose paragraphs and list items run over raw line breaks,
/// doubled quotes, a label and sub-label in one cell, a metadata row.
#[test]
fn csv_key_value_export_reads_as_a_form() {
    let csv = "\u{feff}\"Section\",\"Field\",\"Value\"\r\n\
\"\",\"Post number\",\"5120\"\r\n\
\"GENERAL INFORMATION\",\"Duty station\",\"Suva, Fiji\"\r\n\
\"GENERAL INFORMATION\",\"Grade\",\"P2\"\r\n\
\"INTRODUCTION\",\"Introduction\",\"The office covers the Pacific islands.\n\nIt works on \"\"green jobs\"\" with the constituents.\"\r\n\
\"DUTIES AND RESPONSIBILITIES\",\"Duties and responsibilities\",\"The JPO will:\n- Draft country briefs.\n- Support the tripartite dialogue.\"\r\n\
\"QUALIFICATIONS AND EXPERIENCE\",\"Education - Minimum\",\"A master's degree in economics.\"\r\n\
\"QUALIFICATIONS AND EXPERIENCE\",\"Education - Desirable\",\"A doctorate.\"\r\n\
\"\",\"Exported\",\"2024-03-01 by someone\"\r\n";
    let v = parse_text(csv);
    assert_eq!(v.header.post_number.value.as_deref(), Some("5120"));
    assert_eq!(v.general.duty_station.value.as_deref(), Some("Suva, Fiji"));
    assert_eq!(v.general.duty_station.lines, Some([3, 3]));
    assert_eq!(v.general.grade.value.as_deref(), Some("P2"));
    let intro = v.introduction.value.as_deref().expect("introduction");
    assert_eq!(
        intro,
        &[
            "The office covers the Pacific islands.".to_string(),
            "It works on \"green jobs\" with the constituents.".to_string()
        ]
    );
    assert_eq!(v.introduction.lines, Some([5, 7]));
    let duties = v.duties.responsibilities.value.as_deref().expect("duties");
    assert!(duties.iter().any(|d| d == "Draft country briefs."), "{duties:?}");
    assert!(duties.iter().any(|d| d == "Support the tripartite dialogue."), "{duties:?}");
    let q = &v.qualifications.education;
    assert_eq!(q.minimum.value.as_deref(), Some(&["A master's degree in economics.".to_string()][..]));
    assert_eq!(q.desirable.value.as_deref(), Some(&["A doctorate.".to_string()][..]));
    // the header row is residue, not content
    assert!(v.residue.iter().any(|r| r.lines == [1, 1]), "{:?}", v.residue);
    assert_no_line_lost(csv, &v);
}

/// A web form's backend dump as JSON-like `"key": "value"` lines
/// (synthetic): a comment, trailing commas, snake_case keys, escapes,
/// paragraphs as `\n\n` inside one line, a list as an array after a
/// lead-in key, a nested supervisor object, a shortened label (a guess).
#[test]
fn json_like_dump_reads_as_a_form() {
    let dump = r#"// backend dump
{
  "record_id": "r-77",
  "general_information": {
    "duty_station": "Apia, Samoa",
    "grade": "P2",
  },
  "supervision": {
    "direct_supervision_by": {
      "name": "Lena Fischer",
      "title": "Senior Economist",
      "email": "fischer@example.org"
    },
    "content_and_methodology": "Weekly meetings with the supervisor.\n\nA work plan agreed each quarter.",
  },
  "introduction": "The office\u2019s work covers Samoa.\n\nIt supports the \"decent work\" programme.",
  "duties_and_responsibilities": {
    "lead_in": "The JPO will:",
    "items": [
      "Prepare briefing notes.",
      "Organize workshops.",
    ],
  },
  "created_at": "2024-01-02T03:04:05Z"
}"#;
    let v = parse_text(dump);
    assert_eq!(v.general.duty_station.value.as_deref(), Some("Apia, Samoa"));
    assert_eq!(v.general.duty_station.lines, Some([5, 5]));
    let s = v.supervision.supervisor.value.as_ref().expect("supervisor");
    assert_eq!(s.name, "Lena Fischer");
    assert_eq!(s.position.as_deref(), Some("Senior Economist"));
    assert_eq!(s.email.as_deref(), Some("fischer@example.org"));
    let intro = v.introduction.value.as_deref().expect("introduction");
    assert_eq!(
        intro,
        &[
            "The office\u{2019}s work covers Samoa.".to_string(),
            "It supports the \"decent work\" programme.".to_string()
        ]
    );
    assert_eq!(v.introduction.lines, Some([16, 16]));
    // the methodology's key is a shortened label: read, as a guess
    let m = &v.supervision.methodology;
    assert_eq!(
        m.value.as_deref(),
        Some(&["Weekly meetings with the supervisor.".to_string(), "A work plan agreed each quarter.".to_string()][..])
    );
    assert_ne!(m.confidence, Confidence::High);
    assert!(m.flags.contains(&Flag::Inferred), "{:?}", m.flags);
    let duties = v.duties.responsibilities.value.as_deref().expect("duties");
    assert!(duties.iter().any(|d| d == "Prepare briefing notes."), "{duties:?}");
    assert!(duties.iter().any(|d| d == "Organize workshops."), "{duties:?}");
    assert_no_line_lost(dump, &v);
}
