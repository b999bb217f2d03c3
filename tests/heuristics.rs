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

fn grade(v: &Vacancy) -> (Option<String>, Confidence, Vec<Flag>) {
    let f = &v.general.grade;
    (f.value.clone(), f.confidence, f.flags.clone())
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
