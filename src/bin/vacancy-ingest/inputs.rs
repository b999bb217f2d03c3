//! Turning the command line's inputs into the ordered list of files to parse:
//! folders walked in name order, the stdin list, hidden files, symbolic link
//! loops, duplicates, the record path of each input in `--out-dir`, and
//! `--shard`.

use std::collections::{HashMap, HashSet};
use std::ffi::OsString;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

use crate::run::Failure;

/// One input file, in input order.
#[derive(Debug)]
pub struct Input {
    /// The path to open: as given, or the folder given joined with the path
    /// below it.
    pub path: PathBuf,
    /// The path relative to the input's root: what `--out-dir` keeps and
    /// `--shard` hashes.
    pub rel: PathBuf,
    /// The record file in `--out-dir`, once assigned.
    pub record: Option<PathBuf>,
    /// A failure already known while collecting (a missing path, a folder
    /// that cannot be listed, a record path taken by another input).
    pub problem: Option<Failure>,
}

/// How to collect.
pub struct Collect<'a> {
    pub globs: &'a [String],
    pub hidden: bool,
    pub root: Option<&'a Path>,
    pub null_separated: bool,
}

/// What collecting found.
#[derive(Debug, Default)]
pub struct Collected {
    pub inputs: Vec<Input>,
    /// Paths named twice (or reached twice through links), dropped after the first.
    pub duplicates: usize,
    /// Folders reached again through a symbolic link (loops), walked once.
    pub dir_links_skipped: usize,
}

/// Collects the inputs in order.
///
/// # Errors
/// A usage problem: `-` given twice, or stdin that cannot be read.
pub fn collect(args: &[PathBuf], opts: &Collect<'_>) -> Result<Collected, String> {
    let mut c = Collector { opts, out: Collected::default(), seen_files: HashSet::new(), seen_dirs: HashSet::new() };
    let mut stdin_used = false;
    for arg in args {
        if arg.as_os_str() == "-" {
            if stdin_used {
                return Err("`-` (read paths from stdin) given twice".into());
            }
            stdin_used = true;
            for p in read_list(std::io::stdin().lock(), opts.null_separated)? {
                c.add(&p);
            }
        } else {
            c.add(arg);
        }
    }
    Ok(c.out)
}

/// The paths of a list: one per line (blank lines and `\r` ignored), or NUL-separated.
fn read_list(mut r: impl Read, null_separated: bool) -> Result<Vec<PathBuf>, String> {
    let mut buf = Vec::new();
    r.read_to_end(&mut buf).map_err(|e| format!("reading the list of paths on stdin: {e}"))?;
    let sep = if null_separated { b'\0' } else { b'\n' };
    let mut out = Vec::new();
    for item in buf.split(|&b| b == sep) {
        let item = if null_separated { item } else { item.strip_suffix(b"\r").unwrap_or(item) };
        let blank = if null_separated { item.is_empty() } else { item.iter().all(u8::is_ascii_whitespace) };
        if blank {
            continue;
        }
        out.push(path_from_bytes(item));
    }
    Ok(out)
}

#[cfg(unix)]
fn path_from_bytes(b: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(std::ffi::OsStr::from_bytes(b))
}

#[cfg(not(unix))]
fn path_from_bytes(b: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(b).into_owned())
}

struct Collector<'a> {
    opts: &'a Collect<'a>,
    out: Collected,
    seen_files: HashSet<PathBuf>,
    seen_dirs: HashSet<PathBuf>,
}

impl Collector<'_> {
    /// A path named on the command line or in the stdin list.
    fn add(&mut self, path: &Path) {
        match std::fs::metadata(path) {
            Err(e) => {
                let rel = self.rel_of_named(path);
                self.fail(path.to_path_buf(), rel, "io", e.to_string());
            }
            Ok(m) if m.is_dir() => {
                let base = self.opts.root.and_then(|r| relative_to(path, r)).unwrap_or_default();
                self.walk(path, &base);
            }
            Ok(_) => {
                let rel = self.rel_of_named(path);
                self.file(path.to_path_buf(), rel);
            }
        }
    }

    /// A named file's relative path: below `--root`, else its name.
    fn rel_of_named(&self, path: &Path) -> PathBuf {
        if let Some(rel) = self.opts.root.and_then(|r| relative_to(path, r)) {
            if !rel.as_os_str().is_empty() {
                return rel;
            }
        }
        path.file_name().map(PathBuf::from).unwrap_or_else(|| path.to_path_buf())
    }

    fn file(&mut self, path: PathBuf, rel: PathBuf) {
        let key = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if !self.seen_files.insert(key) {
            self.out.duplicates += 1;
            return;
        }
        self.out.inputs.push(Input { path, rel, record: None, problem: None });
    }

    fn fail(&mut self, path: PathBuf, rel: PathBuf, kind: &'static str, message: String) {
        let problem = Some(Failure::new(kind, message));
        self.out.inputs.push(Input { path, rel, record: None, problem });
    }

    /// Walks a folder depth-first, entries in name order. `rel` is the
    /// folder's path relative to its root.
    fn walk(&mut self, dir: &Path, rel: &Path) {
        let key = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        if !self.seen_dirs.insert(key) {
            self.out.dir_links_skipped += 1;
            return;
        }
        let entries = match std::fs::read_dir(dir) {
            Ok(rd) => rd.collect::<Result<Vec<_>, _>>(),
            Err(e) => Err(e),
        };
        let mut entries = match entries {
            Ok(v) => v,
            Err(e) => {
                let r = if rel.as_os_str().is_empty() { dir.file_name().map(PathBuf::from) } else { None };
                self.fail(
                    dir.to_path_buf(),
                    r.unwrap_or_else(|| rel.to_path_buf()),
                    "io",
                    format!("listing folder: {e}"),
                );
                return;
            }
        };
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let name = entry.file_name();
            if !self.opts.hidden && name.as_encoded_bytes().starts_with(b".") {
                continue;
            }
            let path = entry.path();
            let child_rel = rel.join(&name);
            let is_link = entry.file_type().is_ok_and(|t| t.is_symlink());
            // Follows symbolic links; a loop is caught by `seen_dirs`.
            let meta = match std::fs::metadata(&path) {
                Ok(m) => m,
                Err(e) => {
                    if self.matches(&name, &child_rel) {
                        let what = if is_link { "following symbolic link: " } else { "" };
                        self.fail(path, child_rel, "io", format!("{what}{e}"));
                    }
                    continue;
                }
            };
            if meta.is_dir() {
                self.walk(&path, &child_rel);
            } else if self.matches(&name, &child_rel) {
                self.file(path, child_rel);
            }
        }
    }

    fn matches(&self, name: &std::ffi::OsStr, rel: &Path) -> bool {
        let name = name.to_string_lossy();
        let rel = slash_path(rel);
        self.opts.globs.iter().any(|g| if g.contains('/') { glob_match(g, &rel) } else { glob_match(g, &name) })
    }
}

/// `path` relative to `root`, lexically or after resolving both.
fn relative_to(path: &Path, root: &Path) -> Option<PathBuf> {
    let clean = |p: &Path| p.components().filter(|c| !matches!(c, Component::CurDir)).collect::<PathBuf>();
    if let Ok(r) = clean(path).strip_prefix(clean(root)) {
        return Some(r.to_path_buf());
    }
    let (p, r) = (std::fs::canonicalize(path).ok()?, std::fs::canonicalize(root).ok()?);
    p.strip_prefix(r).ok().map(Path::to_path_buf)
}

/// A relative path with `/` separators, for matching and hashing.
pub fn slash_path(p: &Path) -> String {
    let mut s = String::new();
    for c in p.components() {
        if !s.is_empty() {
            s.push('/');
        }
        s.push_str(&c.as_os_str().to_string_lossy());
    }
    s
}

/// Glob matching, ASCII case-insensitive: `*` is any run of characters
/// other than `/`, `**` any run at all, `?` one character other than `/`.
pub fn glob_match(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().map(|c| c.to_ascii_lowercase()).collect();
    let t: Vec<char> = text.chars().map(|c| c.to_ascii_lowercase()).collect();
    // memo[i][j]: does p[i..] match t[j..]? Bounded work for any pattern.
    let mut memo = vec![vec![None; t.len() + 1]; p.len() + 1];
    fn go(p: &[char], t: &[char], i: usize, j: usize, memo: &mut Vec<Vec<Option<bool>>>) -> bool {
        if let Some(r) = memo[i][j] {
            return r;
        }
        let r = if i == p.len() {
            j == t.len()
        } else if p[i] == '*' {
            let double = p.get(i + 1) == Some(&'*');
            let next = if double { i + 2 } else { i + 1 };
            go(p, t, next, j, memo) || (j < t.len() && (double || t[j] != '/') && go(p, t, i, j + 1, memo))
        } else if j < t.len() && (p[i] == t[j] || p[i] == '?' && t[j] != '/') {
            go(p, t, i + 1, j + 1, memo)
        } else {
            false
        };
        memo[i][j] = Some(r);
        r
    }
    go(&p, &t, 0, 0, &mut memo)
}

/// Assigns each input its record file in `out_dir`: `<rel folders>/<stem>.json`;
/// when inputs of different names share that (`a.txt` and `a.pdf`),
/// `<file name>.json` for each of them; an input whose record path is still
/// taken (the same relative path twice) fails with `output_collision`.
pub fn assign_records(inputs: &mut [Input], out_dir: &Path) {
    let stem_key = |rel: &Path| rel.with_extension("json");
    let name_key = |rel: &Path| {
        let mut s: OsString = rel.as_os_str().to_owned();
        s.push(".json");
        PathBuf::from(s)
    };
    let mut stems: HashMap<PathBuf, HashSet<&Path>> = HashMap::new();
    for i in inputs.iter().filter(|i| i.problem.is_none()) {
        stems.entry(stem_key(&i.rel)).or_default().insert(&i.rel);
    }
    let shared: HashSet<PathBuf> = stems.into_iter().filter(|(_, rels)| rels.len() > 1).map(|(k, _)| k).collect();
    let mut taken: HashMap<PathBuf, PathBuf> = HashMap::new();
    for input in inputs.iter_mut().filter(|i| i.problem.is_none()) {
        let stem = stem_key(&input.rel);
        let key = if shared.contains(&stem) { name_key(&input.rel) } else { stem };
        if let Some(first) = taken.get(&key) {
            input.problem = Some(Failure::new(
                "output_collision",
                format!(
                    "its record {} would also be the record of {}; give the folders as inputs, or use --root",
                    out_dir.join(&key).display(),
                    first.display()
                ),
            ));
            continue;
        }
        taken.insert(key.clone(), input.path.clone());
        input.record = Some(out_dir.join(safe_relative(&key)));
    }
}

/// A relative path that stays inside the output folder: only normal
/// components are kept (no `..`, no root).
fn safe_relative(p: &Path) -> PathBuf {
    p.components().filter(|c| matches!(c, Component::Normal(_))).collect()
}

/// 64-bit FNV-1a: stable across machines, runs and Rust versions (unlike
/// std's randomized hasher), so every machine of a sharded run agrees.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Whether an input's relative path falls in shard `k` (1-based) of `n`.
pub fn in_shard(rel: &Path, k: u64, n: u64) -> bool {
    fnv1a64(slash_path(rel).as_bytes()) % n == k - 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_reference_values() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn globs() {
        let cases = [
            ("*.pdf", "a.pdf", true),
            ("*.pdf", "A.PDF", true),
            ("*.pdf", "a.pdf.txt", false),
            ("*.txt", ".txt", true),
            ("post-????.txt", "post-2431.txt", true),
            ("post-????.txt", "post-243.txt", false),
            ("*", "anything", true),
            ("2019/*.pdf", "2019/a.pdf", true),
            ("*/*.pdf", "2019/sub/a.pdf", false),
            ("**/*.pdf", "2019/sub/a.pdf", true),
            ("a*b*c*d*e*f*g", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false),
        ];
        for (p, t, want) in cases {
            assert_eq!(glob_match(p, t), want, "{p} vs {t}");
        }
    }

    #[test]
    fn lists() {
        let got = read_list(&b"a.txt\r\n\n  \nb dir/c.pdf\n"[..], false).unwrap();
        assert_eq!(got, [PathBuf::from("a.txt"), PathBuf::from("b dir/c.pdf")]);
        let got = read_list(&b"a\nb\0c\0\0"[..], true).unwrap();
        assert_eq!(got, [PathBuf::from("a\nb"), PathBuf::from("c")]);
    }

    #[test]
    fn records_and_collisions() {
        let mk = |path: &str, rel: &str| Input { path: path.into(), rel: rel.into(), record: None, problem: None };
        let mut inputs =
            vec![mk("d/a.txt", "a.txt"), mk("d/a.pdf", "a.pdf"), mk("d/x/b.txt", "x/b.txt"), mk("e/b.txt", "b.txt")];
        inputs.push(mk("f/b.txt", "b.txt"));
        assign_records(&mut inputs, Path::new("out"));
        let rec: Vec<_> = inputs.iter().map(|i| i.record.clone()).collect();
        assert_eq!(rec[0].as_deref(), Some(Path::new("out/a.txt.json")));
        assert_eq!(rec[1].as_deref(), Some(Path::new("out/a.pdf.json")));
        assert_eq!(rec[2].as_deref(), Some(Path::new("out/x/b.json")));
        // e/b.txt and f/b.txt are both `b.txt`: the second fails.
        assert_eq!(rec[3].as_deref(), Some(Path::new("out/b.json")));
        assert!(rec[4].is_none());
        assert_eq!(inputs[4].problem.as_ref().map(|p| p.kind.as_str()), Some("output_collision"));
    }

    #[test]
    fn shards_partition() {
        let rels: Vec<PathBuf> = (0..200).map(|i| PathBuf::from(format!("d{}/f{i}.txt", i % 7))).collect();
        for r in &rels {
            assert_eq!((1..=3).filter(|&k| in_shard(r, k, 3)).count(), 1);
        }
    }
}
