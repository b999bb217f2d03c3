//! The `vacancy-ingest` command line, run as a process over temporary folder
//! trees: records for every good input, every bad one reported, exit codes,
//! deterministic JSONL, resume, review report, shards, the stdin list and
//! the PDF worker's isolation.

#![cfg(feature = "cli")]

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_vacancy-ingest");

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(name)
}

/// The seed fixtures `fixtures/*.txt`, sorted.
fn seeds() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(fixture(""))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    v.sort();
    assert!(v.len() >= 5, "the seed fixtures are there");
    v
}

fn run(args: &[&str], cwd: &Path) -> Output {
    run_with(args, cwd, None, &[])
}

fn run_with(args: &[&str], cwd: &Path, stdin: Option<&[u8]>, env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.args(args).current_dir(cwd).stdout(Stdio::piped()).stderr(Stdio::piped());
    cmd.stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() });
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("the binary runs");
    if let Some(input) = stdin {
        child.stdin.take().unwrap().write_all(input).unwrap();
    }
    child.wait_with_output().unwrap()
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exited normally")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn write(path: &Path, bytes: &[u8]) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, bytes).unwrap();
}

/// Every file under `dir`, relative, sorted.
fn files_under(dir: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        for e in fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                out.push(p.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

fn json_lines(bytes: &[u8]) -> Vec<Value> {
    String::from_utf8(bytes.to_vec())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not a JSON line ({e}): {l}")))
        .collect()
}

/// `{"input": kind}` of an --errors file.
fn error_kinds(path: &Path) -> BTreeMap<String, String> {
    json_lines(&fs::read(path).unwrap())
        .into_iter()
        .map(|v| {
            assert!(v["message"].as_str().is_some_and(|m| !m.is_empty()), "a message: {v}");
            (v["input"].as_str().unwrap().to_string(), v["kind"].as_str().unwrap().to_string())
        })
        .collect()
}

/// A tree of good text inputs only: `n` variants of the seeds in nested
/// folders, with unique names. Returns their paths relative to `dir`.
fn good_tree(dir: &Path, n: usize) -> Vec<String> {
    let seeds = seeds();
    let mut rels = Vec::new();
    for i in 0..n {
        let rel = format!("batch-{}/sub-{}/post-{i:03}.txt", i % 3, i % 2);
        let mut text = fs::read(&seeds[i % seeds.len()]).unwrap();
        text.extend_from_slice(format!("\nCopy {i}\n").as_bytes());
        write(&dir.join(&rel), &text);
        rels.push(rel);
    }
    rels
}

/// Whether the permission bits stop this process from reading (not so for
/// root, or with CAP_DAC_OVERRIDE).
#[cfg(unix)]
fn make_unreadable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(0o000)).unwrap();
    fs::read(path).is_err()
}

#[test]
fn archive_tree_records_every_good_input_and_reports_every_bad_one() {
    let tmp = tempfile::tempdir().unwrap();
    let inp = tmp.path().join("archive");
    let seeds = seeds();
    // Good text inputs, two of them with the same name in different folders.
    write(&inp.join("2019/post.txt"), &fs::read(&seeds[0]).unwrap());
    write(&inp.join("2020/post.txt"), &fs::read(&seeds[1]).unwrap());
    write(&inp.join("2020/deep/er/post-2.txt"), &fs::read(&seeds[2]).unwrap());
    // Windows-1252 bytes: not UTF-8, still a record.
    let mut latin = b"Post number: 4242\nMonth of issue: Octobre \xe9t\xe9\n\nGENERAL INFORMATION:\n".to_vec();
    latin.extend_from_slice(b"Title: Junior Professional Officer in caf\xe9 policies\nGrade: P-2\n");
    write(&inp.join("latin1.txt"), &latin);
    // Recognized by content, not by name: text in a `.pdf`, a corrupt PDF in a `.txt`.
    write(&inp.join("misnamed.pdf"), &fs::read(&seeds[3]).unwrap());
    write(&inp.join("corrupt.txt"), b"%PDF-1.4\n garbage");
    write(&inp.join("corrupt.pdf"), b"%PDF-1.4\n garbage");
    write(&inp.join("empty.txt"), b"");
    // Not taken: hidden, and not matching the default globs.
    write(&inp.join(".hidden.txt"), &fs::read(&seeds[0]).unwrap());
    write(&inp.join("notes.md"), b"# not an input");
    #[cfg(unix)]
    let unreadable = {
        write(&inp.join("locked.txt"), &fs::read(&seeds[4]).unwrap());
        make_unreadable(&inp.join("locked.txt"))
    };

    let out = tmp.path().join("records");
    let errors = tmp.path().join("errors.jsonl");
    let o = run(
        &["--out-dir", out.to_str().unwrap(), "--errors", errors.to_str().unwrap(), inp.to_str().unwrap()],
        tmp.path(),
    );
    let err = stderr(&o);
    assert_eq!(code(&o), 1, "some inputs failed: {err}");

    let mut expected =
        vec!["2019/post.json", "2020/deep/er/post-2.json", "2020/post.json", "latin1.json", "misnamed.json"];
    #[cfg(unix)]
    if !unreadable {
        eprintln!("note: running as root (or with CAP_DAC_OVERRIDE): chmod 000 does not stop reads, so the unreadable file is parsed and its failure is not checked");
        expected.push("locked.json");
    }
    expected.sort_unstable();
    // Every good input has its record, nothing else is there: no `*.tmp`, no half-written file.
    assert_eq!(files_under(&out), expected, "{err}");
    for rel in &expected {
        let v: Value = serde_json::from_slice(&fs::read(out.join(rel)).unwrap()).expect("a whole JSON record");
        assert_eq!(v["schema_version"], 1);
        let stem = Path::new(rel).file_stem().unwrap().to_str().unwrap();
        assert!(v["source"]["name"].as_str().unwrap().starts_with(stem), "{rel}: {}", v["source"]);
    }
    let a: Value = serde_json::from_slice(&fs::read(out.join("2019/post.json")).unwrap()).unwrap();
    let b: Value = serde_json::from_slice(&fs::read(out.join("2020/post.json")).unwrap()).unwrap();
    assert_ne!(a["source"]["sha256"], b["source"]["sha256"], "same-named files keep their own records");
    let latin: Value = serde_json::from_slice(&fs::read(out.join("latin1.json")).unwrap()).unwrap();
    assert_eq!(latin["header"]["post_number"]["value"], "4242");
    let misnamed: Value = serde_json::from_slice(&fs::read(out.join("misnamed.json")).unwrap()).unwrap();
    assert_eq!(misnamed["source"]["format"], "text");

    // Every bad input is reported: in the errors file, on stderr and in the summary.
    let kinds = error_kinds(&errors);
    let path = |name: &str| inp.join(name).to_string_lossy().into_owned();
    let mut want: BTreeMap<String, String> =
        [(path("corrupt.pdf"), "pdf_malformed"), (path("corrupt.txt"), "pdf_malformed"), (path("empty.txt"), "empty")]
            .into_iter()
            .map(|(p, k)| (p, k.to_string()))
            .collect();
    #[cfg(unix)]
    if unreadable {
        want.insert(path("locked.txt"), "io".into());
    }
    assert_eq!(kinds, want);
    for (p, kind) in &want {
        assert!(err.contains(&format!("vacancy-ingest: failed: {p}: {kind}: ")), "reported on stderr: {p}\n{err}");
    }
    assert!(err.contains(&format!("failed {}", want.len())), "summary: {err}");
    assert!(err.contains("all-high records:") && err.contains("fields flagged:"), "summary: {err}");
}

#[test]
fn jsonl_is_identical_with_one_job_and_two() {
    let tmp = tempfile::tempdir().unwrap();
    let inp = tmp.path().join("in");
    let mut rels = good_tree(&inp, 24);
    write(&inp.join("batch-1/bad.pdf"), b"%PDF-1.4\n garbage");
    write(&inp.join("batch-2/empty.txt"), b"\n\n");
    let run_jobs = |jobs: &str| {
        let file = tmp.path().join(format!("records-{jobs}.jsonl"));
        let o = run(&["--jobs", jobs, "--jsonl", file.to_str().unwrap(), "in"], tmp.path());
        assert_eq!(code(&o), 1, "{}", stderr(&o));
        fs::read(file).unwrap()
    };
    let one = run_jobs("1");
    let two = run_jobs("2");
    assert!(one == two, "JSONL differs between --jobs 1 and --jobs 2");
    // In input order: folders walked in name order.
    let names: Vec<String> =
        json_lines(&one).iter().map(|v| v["source"]["name"].as_str().unwrap().to_string()).collect();
    rels.sort();
    let want: Vec<String> = rels.iter().map(|r| r.rsplit('/').next().unwrap().to_string()).collect();
    assert_eq!(names, want);
    // To stdout too, the same bytes.
    let o = run(&["-j2", "--jsonl", "-", "in"], tmp.path());
    assert_eq!(code(&o), 1);
    assert!(o.stdout == one, "--jsonl - writes the same lines");
    assert!(files_under(tmp.path()).iter().all(|f| !f.ends_with(".tmp")));
}

#[test]
fn skip_existing_reruns_nothing_on_a_second_pass() {
    let tmp = tempfile::tempdir().unwrap();
    let rels = good_tree(&tmp.path().join("in"), 9);
    let o = run(&["--out-dir", "out", "in"], tmp.path());
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).contains("parsed 9 "), "{}", stderr(&o));
    let record = |rel: &str| tmp.path().join("out").join(Path::new(rel).with_extension("json"));
    let stamps = |rels: &[String]| -> Vec<_> {
        rels.iter().map(|r| fs::metadata(record(r)).unwrap().modified().unwrap()).collect()
    };
    let before = stamps(&rels);

    let o = run(&["--out-dir", "out", "--skip-existing", "in"], tmp.path());
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).contains("parsed 0 (0 text, 0 PDF), skipped 9, failed 0"), "{}", stderr(&o));
    assert_eq!(stamps(&rels), before, "no record was rewritten");

    // An input newer than its record is parsed again, and only that one.
    let newer = std::time::SystemTime::now() + std::time::Duration::from_secs(3600);
    fs::File::options().write(true).open(tmp.path().join("in").join(&rels[4])).unwrap().set_modified(newer).unwrap();
    let o = run(&["--out-dir", "out", "--skip-existing", "in"], tmp.path());
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).contains("parsed 1 (1 text, 0 PDF), skipped 8"), "{}", stderr(&o));
}

/// A minimal RFC 4180 reader.
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let (mut row, mut cell, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(std::mem::take(&mut cell)),
            ('\n', false) => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (c, _) => cell.push(c),
        }
    }
    assert!(cell.is_empty() && row.is_empty(), "the report ends with a line end");
    rows
}

/// (field path, confidence) of every field of a record.
fn record_fields(v: &Value, path: &str, out: &mut Vec<(String, String)>) {
    let Value::Object(map) = v else { return };
    if let Some(conf) = map.get("confidence").and_then(Value::as_str) {
        out.push((path.to_string(), conf.to_string()));
        return;
    }
    for (k, child) in map {
        if path.is_empty() && (k == "source" || k == "residue") {
            continue;
        }
        let p = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
        record_fields(child, &p, out);
    }
}

#[test]
fn review_report_lists_exactly_the_fields_below_the_level() {
    let tmp = tempfile::tempdir().unwrap();
    for (i, seed) in seeds().iter().enumerate() {
        fs::copy(seed, tmp.path().join(format!("in-{i}.txt"))).unwrap();
    }
    fs::copy(fixture("malformed/no-headings.txt"), tmp.path().join("in-9.txt")).unwrap();
    let inputs: Vec<String> = (0..seeds().len()).map(|i| format!("in-{i}.txt")).chain(["in-9.txt".into()]).collect();
    for (level, below) in [("high", &["medium", "low", "none"][..]), ("medium", &["low", "none"][..])] {
        let mut args = vec!["--jsonl", "records.jsonl", "--review", "review.csv", "--min-confidence", level];
        args.extend(inputs.iter().map(String::as_str));
        let o = run(&args, tmp.path());
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let rows = csv_rows(&fs::read_to_string(tmp.path().join("review.csv")).unwrap());
        assert_eq!(rows[0], ["input", "field", "confidence", "flags", "value", "lines"]);
        assert!(rows[1..].iter().all(|r| r.len() == 6), "six columns");
        // The expected rows, from the records themselves, in input then record order.
        let mut want = Vec::new();
        for v in json_lines(&fs::read(tmp.path().join("records.jsonl")).unwrap()) {
            let mut fields = Vec::new();
            record_fields(&v, "", &mut fields);
            let input = v["source"]["name"].as_str().unwrap().to_string();
            for (path, conf) in fields.into_iter().filter(|(_, c)| below.contains(&c.as_str())) {
                want.push((input.clone(), path, conf));
            }
        }
        let got: Vec<(String, String, String)> =
            rows[1..].iter().map(|r| (r[0].clone(), r[1].clone(), r[2].clone())).collect();
        assert_eq!(got, want, "--min-confidence {level}");
        assert!(!got.is_empty(), "the fixtures have fields below {level}");
        for r in &rows[1..] {
            assert!(r[4].chars().count() <= 80, "value cut to 80 characters: {}", r[4]);
            assert!(!r[4].contains('\n'));
            if r[2] == "none" {
                assert_eq!((r[3].as_str(), r[4].as_str(), r[5].as_str()), ("missing", "", ""));
            } else {
                let ok = r[5].split('-').all(|n| n.parse::<u32>().is_ok());
                assert!(ok, "lines as N or N-M: {}", r[5]);
            }
        }
    }
    // A field with several flags lists them all.
    let text = fs::read_to_string(tmp.path().join("review.csv")).unwrap();
    let with_flags = csv_rows(&text).into_iter().skip(1).filter(|r| !r[3].is_empty()).count();
    assert!(with_flags > 0);
}

#[test]
fn shards_cover_every_input_exactly_once_and_do_not_depend_on_the_root_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let rels = good_tree(&tmp.path().join("a/archive"), 30);
    let shard_names = |root: &str, k: u32| -> Vec<String> {
        let o = run(&["--shard", &format!("{k}/3"), "--jsonl", "-", root], tmp.path());
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        json_lines(&o.stdout).iter().map(|v| v["source"]["name"].as_str().unwrap().to_string()).collect()
    };
    let mut all = Vec::new();
    let mut sizes = Vec::new();
    for k in 1..=3 {
        let names = shard_names("a/archive", k);
        sizes.push(names.len());
        all.extend(names);
    }
    let mut want: Vec<String> = rels.iter().map(|r| r.rsplit('/').next().unwrap().to_string()).collect();
    want.sort();
    all.sort();
    assert_eq!(all, want, "the union of the shards is every input exactly once");
    assert!(sizes.iter().filter(|&&n| n > 0).count() >= 2, "the inputs are spread: {sizes:?}");
    // The hash is of the path relative to the input folder: moving the archive changes nothing.
    fs::rename(tmp.path().join("a"), tmp.path().join("moved-elsewhere")).unwrap();
    assert_eq!(shard_names("moved-elsewhere/archive", 2).len(), sizes[1]);
}

#[test]
fn errors_file_has_one_json_line_per_failure_and_is_written_when_empty() {
    let tmp = tempfile::tempdir().unwrap();
    good_tree(&tmp.path().join("in"), 3);
    let o = run(&["--jsonl", "r.jsonl", "--errors", "e.jsonl", "in"], tmp.path());
    assert_eq!(code(&o), 0);
    assert_eq!(fs::read(tmp.path().join("e.jsonl")).unwrap(), b"", "written, empty");

    write(&tmp.path().join("in/x/bad.pdf"), b"%PDF-1.4\n garbage");
    write(&tmp.path().join("in/x/blank.txt"), b" \n\t\n");
    let o = run(&["--jsonl", "r.jsonl", "--errors", "e.jsonl", "in", "missing.txt"], tmp.path());
    assert_eq!(code(&o), 1);
    let lines = json_lines(&fs::read(tmp.path().join("e.jsonl")).unwrap());
    let got: Vec<(&str, &str)> =
        lines.iter().map(|v| (v["input"].as_str().unwrap(), v["kind"].as_str().unwrap())).collect();
    assert_eq!(got, [("in/x/bad.pdf", "pdf_malformed"), ("in/x/blank.txt", "empty"), ("missing.txt", "io")]);
    for v in &lines {
        let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, ["input", "kind", "message"]);
    }
    assert_eq!(json_lines(&fs::read(tmp.path().join("r.jsonl")).unwrap()).len(), 3, "the good ones still parsed");
}

#[test]
fn stdin_list_of_paths() {
    let tmp = tempfile::tempdir().unwrap();
    let rels = good_tree(&tmp.path().join("arch"), 6);
    let mut list: String = rels.iter().map(|r| format!("arch/{r}\r\n")).collect();
    list.push_str("\narch/does-not-exist.txt\n");
    let o = run_with(
        &["--out-dir", "out", "--root", "arch", "--errors", "e.jsonl", "-"],
        tmp.path(),
        Some(list.as_bytes()),
        &[],
    );
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let mut want: Vec<String> =
        rels.iter().map(|r| Path::new(r).with_extension("json").to_string_lossy().into_owned()).collect();
    want.sort();
    assert_eq!(files_under(&tmp.path().join("out")), want, "--root keeps the folders of a listed path");
    assert_eq!(
        error_kinds(&tmp.path().join("e.jsonl")).into_iter().collect::<Vec<_>>(),
        [("arch/does-not-exist.txt".to_string(), "io".to_string())]
    );

    // NUL-separated, mixed with a folder and a named file; without --root a listed file is its name.
    let list = b"arch/batch-0\0arch/batch-1/sub-1/post-001.txt\0";
    let o = run_with(&["-0", "--out-dir", "out2", "-"], tmp.path(), Some(list), &[]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(files_under(&tmp.path().join("out2")), ["post-001.json", "sub-0/post-000.json", "sub-1/post-003.json"]);
}

#[test]
fn bad_usage_exits_2() {
    let tmp = tempfile::tempdir().unwrap();
    let seed = seeds()[0].to_string_lossy().into_owned();
    let seed2 = seeds()[1].to_string_lossy().into_owned();
    let cases: Vec<Vec<&str>> = vec![
        vec![],
        vec!["--no-such-flag", &seed],
        vec![&seed, &seed2],
        vec!["--shard", "4/3", "--jsonl", "-", &seed],
        vec!["--shard", "0/3", "--jsonl", "-", &seed],
        vec!["--shard", "two", "--jsonl", "-", &seed],
        vec!["--out-dir", "o", "--jsonl", "-", &seed],
        vec!["--skip-existing", "--jsonl", "-", &seed],
        vec!["--jobs", "0", "--jsonl", "-", &seed],
        vec!["--pdf-timeout", "soon", &seed],
        vec!["--min-confidence", "very", "--review", "r.csv", &seed],
        vec!["--progress", "sometimes", &seed],
        vec!["--text", "--out-dir", "o", &seed],
        vec!["--jsonl", "-", "-", "-"],
    ];
    for args in cases {
        let o = run_with(&args, tmp.path(), Some(b""), &[]);
        assert_eq!(code(&o), 2, "{args:?}: {}", stderr(&o));
        assert!(o.stdout.is_empty(), "{args:?}");
        assert!(stderr(&o).contains("error"), "{args:?}: {}", stderr(&o));
    }
    // An output that cannot be created is a usage error too, before any work.
    write(&tmp.path().join("file"), b"x");
    let o = run(&["--out-dir", "file/sub", &seed, &seed2], tmp.path());
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    let o = run(&["--jsonl", "file/sub/r.jsonl", &seed, &seed2], tmp.path());
    assert_eq!(code(&o), 2, "{}", stderr(&o));

    let o = run(&["--help"], tmp.path());
    assert_eq!(code(&o), 0);
    let help = String::from_utf8(o.stdout).unwrap();
    for needle in ["Examples:", "Exit codes:", "--shard <K/N>", "--pdf-timeout", "--review", "pdf_timeout"] {
        assert!(help.contains(needle), "--help mentions {needle}");
    }
    assert!(!help.contains("--pdf-worker"), "the worker argument is hidden");
}

#[test]
fn one_input_prints_its_pretty_record_and_nothing_else() {
    let tmp = tempfile::tempdir().unwrap();
    let seed = fixture("post-2431.txt");
    let o = run(&[seed.to_str().unwrap()], tmp.path());
    assert_eq!(code(&o), 0);
    assert!(o.stderr.is_empty(), "{}", stderr(&o));
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.starts_with("{\n  \"schema_version\": 1,"), "pretty JSON");
    let v: Value = serde_json::from_str(&text).unwrap();
    let lib = vacancy_ingest::parse_path(&seed).unwrap();
    assert_eq!(v, serde_json::from_str::<Value>(&lib.to_json_pretty()).unwrap(), "the library's record");
    assert_eq!(v["source"]["name"], "post-2431.txt");

    let o = run(&["missing.txt"], tmp.path());
    assert_eq!(code(&o), 1);
    assert!(o.stdout.is_empty());
    assert!(stderr(&o).contains("missing.txt: io: "), "{}", stderr(&o));
}

#[test]
fn folders_skip_hidden_files_and_survive_symlink_loops() {
    let tmp = tempfile::tempdir().unwrap();
    let rels = good_tree(&tmp.path().join("in"), 4);
    write(&tmp.path().join("in/.git/post-x.txt"), &fs::read(&seeds()[0]).unwrap());
    write(&tmp.path().join("in/.post-y.txt"), &fs::read(&seeds()[0]).unwrap());
    write(&tmp.path().join("in/extra/POST-Z.TXT"), &fs::read(&seeds()[0]).unwrap());
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("..", tmp.path().join("in/batch-0/loop")).unwrap();
        std::os::unix::fs::symlink("../../in", tmp.path().join("in/extra/back")).unwrap();
    }
    let names = |args: &[&str]| -> Vec<String> {
        let o = run(args, tmp.path());
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let mut v: Vec<String> =
            json_lines(&o.stdout).iter().map(|v| v["source"]["name"].as_str().unwrap().to_string()).collect();
        v.sort();
        v
    };
    let mut want: Vec<String> = rels.iter().map(|r| r.rsplit('/').next().unwrap().to_string()).collect();
    want.push("POST-Z.TXT".into());
    want.sort();
    assert_eq!(names(&["--jsonl", "-", "in"]), want, "hidden skipped, each file once despite the loops");
    assert_eq!(names(&["--jsonl", "-", "--hidden", "in"]).len(), want.len() + 2);
    assert_eq!(names(&["--jsonl", "-", "--glob", "post-00?.txt", "in"]).len(), 4);
    assert_eq!(names(&["--jsonl", "-", "--glob", "batch-1/**", "in"]).len(), 1);
}

#[cfg(feature = "pdf")]
#[test]
fn pdfs_are_read_in_a_worker_and_text_shows_their_text() {
    let tmp = tempfile::tempdir().unwrap();
    let pdf = fixture("pdf/post-2431.pdf");
    let o = run(&[pdf.to_str().unwrap()], tmp.path());
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let lib = vacancy_ingest::parse_path(&pdf).unwrap();
    assert_eq!(
        v,
        serde_json::from_str::<Value>(&lib.to_json_pretty()).unwrap(),
        "the worker gives the library's record"
    );
    assert_eq!(v["source"]["format"], "pdf");

    let o = run(&["--text", pdf.to_str().unwrap()], tmp.path());
    assert_eq!(code(&o), 0);
    let bytes = fs::read(&pdf).unwrap();
    assert_eq!(String::from_utf8(o.stdout).unwrap(), vacancy_ingest::Parser::default().pdf_text(&bytes).unwrap());
}

/// The worker's fault injection exists in debug builds only.
#[cfg(all(feature = "pdf", debug_assertions))]
#[test]
fn a_pdf_that_hangs_or_crashes_costs_that_one_file() {
    let tmp = tempfile::tempdir().unwrap();
    good_tree(&tmp.path().join("in"), 3);
    fs::copy(fixture("pdf/post-2431.pdf"), tmp.path().join("in/scan.pdf")).unwrap();
    for (fault, kind, says) in [
        ("hang", "pdf_timeout", "no result within 500 ms"),
        ("abort", "pdf_crashed", "SIGABRT"),
        ("overflow", "pdf_crashed", "overflowed its stack"),
    ] {
        let o = run_with(
            &["--pdf-timeout", "500ms", "--jsonl", "r.jsonl", "--errors", "e.jsonl", "in"],
            tmp.path(),
            None,
            &[("VACANCY_INGEST_TEST_PDF_WORKER", fault)],
        );
        assert_eq!(code(&o), 1, "{fault}: {}", stderr(&o));
        let errors = json_lines(&fs::read(tmp.path().join("e.jsonl")).unwrap());
        assert_eq!(errors.len(), 1, "{fault}");
        assert_eq!(errors[0]["input"], "in/scan.pdf");
        assert_eq!(errors[0]["kind"], kind, "{fault}");
        #[cfg(unix)]
        assert!(errors[0]["message"].as_str().unwrap().contains(says), "{fault}: {}", errors[0]["message"]);
        #[cfg(not(unix))]
        let _ = says;
        assert_eq!(json_lines(&fs::read(tmp.path().join("r.jsonl")).unwrap()).len(), 3, "{fault}: the run went on");
    }
}

#[test]
fn record_paths_of_named_files_and_collisions() {
    let tmp = tempfile::tempdir().unwrap();
    let s = seeds();
    write(&tmp.path().join("a/post.txt"), &fs::read(&s[0]).unwrap());
    write(&tmp.path().join("b/post.txt"), &fs::read(&s[1]).unwrap());
    write(&tmp.path().join("b/post.pdf"), &fs::read(&s[2]).unwrap());
    // Named files are their names: b/post.txt collides with a/post.txt and is reported.
    let o = run(&["--out-dir", "out", "--errors", "e.jsonl", "a/post.txt", "b/post.txt"], tmp.path());
    assert_eq!(code(&o), 1);
    assert_eq!(files_under(&tmp.path().join("out")), ["post.json"]);
    assert_eq!(
        error_kinds(&tmp.path().join("e.jsonl")).get("b/post.txt").map(String::as_str),
        Some("output_collision")
    );
    // Folders keep their structure; post.txt and post.pdf side by side keep their extensions.
    let o = run(&["--out-dir", "out2", "--root", ".", "a", "b"], tmp.path());
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(files_under(&tmp.path().join("out2")), ["a/post.json", "b/post.pdf.json", "b/post.txt.json"]);
    // The same file twice is taken once.
    let o = run(&["--jsonl", "-", "a/post.txt", "a/../a/post.txt", "a"], tmp.path());
    assert_eq!(code(&o), 0);
    assert_eq!(json_lines(&o.stdout).len(), 1);
}

/// The source names of a JSONL run, in order.
fn jsonl_names(bytes: &[u8]) -> Vec<String> {
    json_lines(bytes).iter().map(|v| v["source"]["name"].as_str().unwrap().to_string()).collect()
}

/// The summary's notes and counts: stderr without its timing line.
fn summary_without_timing(o: &Output) -> Vec<String> {
    stderr(o).lines().filter(|l| !l.contains(" files/s, ")).map(str::to_string).collect()
}

#[test]
fn streamed_and_collected_runs_take_the_same_inputs_in_the_same_order() {
    let tmp = tempfile::tempdir().unwrap();
    let rels = good_tree(&tmp.path().join("in"), 6);
    let seed = fs::read(&seeds()[0]).unwrap();
    write(&tmp.path().join("in/.hidden/post-h.txt"), &seed);
    write(&tmp.path().join("in/.post-dot.txt"), &seed);
    write(&tmp.path().join("in/batch-1/empty.txt"), b"");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("..", tmp.path().join("in/batch-0/loop")).unwrap();
        std::os::unix::fs::symlink("batch-2/sub-0/post-002.txt", tmp.path().join("in/a-link.txt")).unwrap();
    }
    for hidden in [false, true] {
        let mut runs = Vec::new();
        // --progress never streams the walk; --progress always (status lines) collects it first for the total.
        for progress in ["never", "always"] {
            let mut args = vec!["--jsonl", "-", "--errors", "e.jsonl", "--jobs", "2", "--progress", progress, "in"];
            if hidden {
                args.push("--hidden");
            }
            let o = run(&args, tmp.path());
            assert_eq!(code(&o), 1, "the empty file fails: {}", stderr(&o));
            let errors = fs::read_to_string(tmp.path().join("e.jsonl")).unwrap();
            runs.push((jsonl_names(&o.stdout), errors, summary_without_timing(&o)));
        }
        assert_eq!(runs[0], runs[1], "hidden: {hidden}");
        // Depth-first in name order; the link (first in name order) is taken, its target is then a duplicate.
        let mut want: Vec<String> = Vec::new();
        if hidden {
            want.extend(["post-h.txt".to_string(), ".post-dot.txt".to_string()]);
        }
        want.push("a-link.txt".into());
        let mut walked: Vec<&String> = rels.iter().collect();
        walked.sort();
        for r in walked {
            if r != "batch-2/sub-0/post-002.txt" {
                want.push(r.rsplit('/').next().unwrap().to_string());
            }
        }
        assert_eq!(runs[0].0, want, "hidden: {hidden}");
        assert!(runs[0].1.contains("in/batch-1/empty.txt") && runs[0].1.lines().count() == 1, "{}", runs[0].1);
        let notes = runs[0].2.join("\n");
        #[cfg(unix)]
        assert!(
            notes.contains("1 paths named twice were taken once")
                && notes.contains("1 folders reached again through links were walked once"),
            "{notes}"
        );
    }
}

#[test]
fn a_file_named_and_reached_by_the_walk_is_taken_once() {
    let tmp = tempfile::tempdir().unwrap();
    let rels = good_tree(&tmp.path().join("in"), 6);
    let named = format!("in/{}", rels[4]);
    // Depth-first in name order: the relative paths sorted.
    let mut sorted = rels.clone();
    sorted.sort();
    let walked: Vec<String> = sorted.iter().map(|r| r.rsplit('/').next().unwrap().to_string()).collect();
    let name = rels[4].rsplit('/').next().unwrap().to_string();
    for (args, first) in [(vec![named.as_str(), "in"], true), (vec!["in", named.as_str()], false)] {
        let o = run(&[&["--jsonl", "-"][..], &args].concat(), tmp.path());
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let got = jsonl_names(&o.stdout);
        let want: Vec<String> = if first {
            std::iter::once(name.clone()).chain(walked.iter().filter(|n| **n != name).cloned()).collect()
        } else {
            walked.clone()
        };
        assert_eq!(got, want, "{args:?}: taken once, where first reached");
        assert!(stderr(&o).contains("1 paths named twice were taken once"), "{}", stderr(&o));
    }
}

#[test]
fn a_streamed_walk_does_not_read_the_runs_own_outputs() {
    let tmp = tempfile::tempdir().unwrap();
    good_tree(&tmp.path().join("in"), 3);
    // Written beside the inputs under hidden temporary names while the walk goes on; `--hidden --glob '*'` matches them.
    let args =
        ["--hidden", "--glob", "*", "--jsonl", "in/r.jsonl", "--errors", "in/e.jsonl", "--review", "in/r.csv", "in"];
    let o = run(&args, tmp.path());
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(json_lines(&fs::read(tmp.path().join("in/r.jsonl")).unwrap()).len(), 3);
    assert_eq!(fs::read(tmp.path().join("in/e.jsonl")).unwrap(), b"");
}
