//! The command line's inputs as a stream of files to parse, in input order
//! ([`Walker`]): named files, folders walked depth-first in name order, the
//! stdin list, hidden files, symbolic link loops and duplicates; the record
//! path of each input in `--out-dir` ([`assign_records`]); `--shard`
//! ([`in_shard`]).
//!
//! The walker is lazy. It holds the sorted listing of each folder between
//! the current input and its root, so what it holds is bounded by folder
//! depth times folder size, not by the number of files; a mode that needs
//! the whole list drains it into a `Vec` (the caller says which and why).
//! Per file taken it keeps one dedupe key, the only thing that grows with
//! the number of files: on unix the file's inode (per device) when the file
//! has one name (one name, one canonical path: the same as keying by
//! canonical path, without resolving it), its canonical path when it has
//! several (hard links: each name is its own input, as before); off unix,
//! its canonical path. Folders are keyed by (device, inode) on unix, by
//! canonical path elsewhere, to walk each once (link loops).

use std::collections::{HashMap, HashSet};
use std::ffi::{OsStr, OsString};
use std::fs::Metadata;
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
    /// A failure already known while walking (a missing path, a folder
    /// that cannot be listed, a record path taken by another input).
    pub problem: Option<Failure>,
}

/// How to walk.
pub struct Collect<'a> {
    pub globs: &'a [String],
    pub hidden: bool,
    pub root: Option<&'a Path>,
    pub null_separated: bool,
}

/// The inputs of the command line, one at a time, in input order: each
/// argument in turn (`-`: each path of the stdin list), a folder walked
/// depth-first with its entries in name order.
pub struct Walker<'a> {
    opts: &'a Collect<'a>,
    args: std::slice::Iter<'a, PathBuf>,
    /// The stdin list, read before the walk (a read error is a usage
    /// error, as it always was); taken when `-` is reached.
    list: Option<List>,
    /// The stdin list being walked.
    listing: Option<List>,
    /// The folders being walked, innermost last.
    stack: Vec<Frame>,
    seen: Seen,
    /// Files never taken: the run's own outputs being written.
    left_out: Vec<Identity>,
    duplicates: usize,
    dir_links_skipped: usize,
}

/// A folder being walked: its entries not yet visited.
struct Frame {
    dir: PathBuf,
    /// The folder's path relative to its root.
    rel: PathBuf,
    /// (name, is a symbolic link), in name order; hidden ones left out
    /// unless `--hidden`.
    entries: std::vec::IntoIter<(OsString, bool)>,
}

/// What was taken, to take each file and walk each folder once.
#[derive(Default)]
struct Seen {
    /// Files with one name, by inode per device (8 bytes a file, not 16:
    /// this set is what grows with the number of files).
    #[cfg(unix)]
    inodes: HashMap<u64, HashSet<u64>>,
    /// Files by canonical path: on unix those with several names, else all.
    paths: HashSet<PathBuf>,
    /// Folders walked.
    dirs: HashSet<Identity>,
}

/// What tells a file or folder from the others: (device, inode) on unix,
/// the canonical path elsewhere.
#[cfg(unix)]
type Identity = (u64, u64);
#[cfg(not(unix))]
type Identity = PathBuf;

fn identity(path: &Path, meta: &Metadata) -> Identity {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let _ = path;
        (meta.dev(), meta.ino())
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        canonical(path)
    }
}

fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

impl Seen {
    /// Whether the file `meta` describes is taken for the first time (it is now).
    fn first_file(&mut self, path: &Path, meta: &Metadata) -> bool {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            if meta.nlink() == 1 {
                return self.inodes.entry(meta.dev()).or_default().insert(meta.ino());
            }
        }
        #[cfg(not(unix))]
        let _ = meta;
        self.paths.insert(canonical(path))
    }

    /// Whether the folder is reached for the first time (it is now).
    fn first_dir(&mut self, path: &Path, meta: &Metadata) -> bool {
        self.dirs.insert(identity(path, meta))
    }
}

impl<'a> Walker<'a> {
    /// A walker over `args`; reads the stdin list now if `-` is among them.
    ///
    /// # Errors
    /// A usage problem: `-` given twice, or stdin that cannot be read.
    pub fn new(args: &'a [PathBuf], opts: &'a Collect<'a>) -> Result<Walker<'a>, String> {
        let list = match args.iter().filter(|a| a.as_os_str() == "-").count() {
            0 => None,
            1 => Some(read_list(std::io::stdin().lock(), opts.null_separated)?),
            _ => return Err("`-` (read paths from stdin) given twice".into()),
        };
        Ok(Walker {
            opts,
            args: args.iter(),
            list,
            listing: None,
            stack: Vec::new(),
            seen: Seen::default(),
            left_out: Vec::new(),
            duplicates: 0,
            dir_links_skipped: 0,
        })
    }

    /// Paths named twice (or reached twice through links), dropped after
    /// the first, so far.
    pub fn duplicates(&self) -> usize {
        self.duplicates
    }

    /// Folders reached again through a symbolic link (loops), walked once,
    /// so far.
    pub fn dir_links_skipped(&self) -> usize {
        self.dir_links_skipped
    }

    /// Never takes these files (those that exist), nor counts them as
    /// duplicates: the run's own outputs, written under temporary names
    /// while the walk goes on (beside the inputs, with `--hidden` and a
    /// glob that matches them, they would be read).
    pub fn leave_out(&mut self, files: &[&Path]) {
        let exists = |p: &&Path| std::fs::metadata(p).ok().map(|m| identity(p, &m));
        self.left_out.extend(files.iter().filter_map(exists));
    }

    /// The next path named on the command line or in the stdin list.
    fn next_named(&mut self) -> Option<PathBuf> {
        loop {
            if let Some(list) = &mut self.listing {
                if let Some(p) = list.next() {
                    return Some(p);
                }
                self.listing = None;
            }
            let arg = self.args.next()?;
            if arg.as_os_str() == "-" {
                self.listing = self.list.take();
            } else {
                return Some(arg.clone());
            }
        }
    }

    /// A path named on the command line or in the stdin list.
    fn named(&mut self, path: &Path) -> Option<Input> {
        match std::fs::metadata(path) {
            Err(e) => Some(failure(path.to_path_buf(), self.rel_of_named(path), "io", e.to_string())),
            Ok(m) if m.is_dir() => {
                let base = self.opts.root.and_then(|r| relative_to(path, r)).unwrap_or_default();
                self.enter(path, base, &m)
            }
            Ok(m) => {
                let rel = self.rel_of_named(path);
                self.file(path.to_path_buf(), rel, &m)
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

    fn file(&mut self, path: PathBuf, rel: PathBuf, meta: &Metadata) -> Option<Input> {
        if !self.left_out.is_empty() && self.left_out.contains(&identity(&path, meta)) {
            return None;
        }
        if !self.seen.first_file(&path, meta) {
            self.duplicates += 1;
            return None;
        }
        Some(Input { path, rel, record: None, problem: None })
    }

    /// Starts walking a folder (`rel`: its path relative to its root):
    /// nothing to yield yet, or the failure to list it.
    fn enter(&mut self, dir: &Path, rel: PathBuf, meta: &Metadata) -> Option<Input> {
        if !self.seen.first_dir(dir, meta) {
            self.dir_links_skipped += 1;
            return None;
        }
        match list_folder(dir, self.opts.hidden) {
            Ok(entries) => {
                self.stack.push(Frame { dir: dir.to_path_buf(), rel, entries: entries.into_iter() });
                None
            }
            Err(e) => {
                let named = if rel.as_os_str().is_empty() { dir.file_name().map(PathBuf::from) } else { None };
                Some(failure(dir.to_path_buf(), named.unwrap_or(rel), "io", format!("listing folder: {e}")))
            }
        }
    }

    /// One entry of a folder being walked.
    fn entry(&mut self, name: &OsStr, is_link: bool, path: PathBuf, rel: PathBuf) -> Option<Input> {
        // Follows symbolic links; a loop is caught by `first_dir`.
        let meta = match std::fs::metadata(&path) {
            Ok(m) => m,
            Err(e) => {
                if !self.matches(name, &rel) {
                    return None;
                }
                let what = if is_link { "following symbolic link: " } else { "" };
                return Some(failure(path, rel, "io", format!("{what}{e}")));
            }
        };
        if meta.is_dir() {
            self.enter(&path, rel, &meta)
        } else if self.matches(name, &rel) {
            self.file(path, rel, &meta)
        } else {
            None
        }
    }

    fn matches(&self, name: &OsStr, rel: &Path) -> bool {
        let name = name.to_string_lossy();
        let rel = slash_path(rel);
        self.opts.globs.iter().any(|g| if g.contains('/') { glob_match(g, &rel) } else { glob_match(g, &name) })
    }
}

impl Iterator for Walker<'_> {
    type Item = Input;

    fn next(&mut self) -> Option<Input> {
        loop {
            let found = if let Some(frame) = self.stack.last_mut() {
                match frame.entries.next() {
                    Some((name, is_link)) => {
                        let (path, rel) = (frame.dir.join(&name), frame.rel.join(&name));
                        self.entry(&name, is_link, path, rel)
                    }
                    None => {
                        self.stack.pop();
                        None
                    }
                }
            } else {
                let path = self.next_named()?;
                self.named(&path)
            };
            if found.is_some() {
                return found;
            }
        }
    }
}

/// A folder's entries, in name order, without the hidden ones unless
/// `hidden`; an entry that cannot be read fails the whole folder.
fn list_folder(dir: &Path, hidden: bool) -> std::io::Result<Vec<(OsString, bool)>> {
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        if !hidden && name.as_encoded_bytes().starts_with(b".") {
            continue;
        }
        let is_link = entry.file_type().is_ok_and(|t| t.is_symlink());
        entries.push((name, is_link));
    }
    entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    Ok(entries)
}

fn failure(path: PathBuf, rel: PathBuf, kind: &'static str, message: String) -> Input {
    Input { path, rel, record: None, problem: Some(Failure::new(kind, message)) }
}

/// The stdin list: its bytes, split one path at a time.
struct List {
    bytes: Vec<u8>,
    pos: usize,
    null_separated: bool,
}

/// Reads the list of paths: one per line (blank lines and `\r` ignored), or NUL-separated.
fn read_list(mut r: impl Read, null_separated: bool) -> Result<List, String> {
    let mut bytes = Vec::new();
    r.read_to_end(&mut bytes).map_err(|e| format!("reading the list of paths on stdin: {e}"))?;
    Ok(List { bytes, pos: 0, null_separated })
}

impl Iterator for List {
    type Item = PathBuf;

    fn next(&mut self) -> Option<PathBuf> {
        let sep = if self.null_separated { b'\0' } else { b'\n' };
        while let Some(rest) = self.bytes.get(self.pos..).filter(|r| !r.is_empty()) {
            let end = rest.iter().position(|&b| b == sep).unwrap_or(rest.len());
            let item = &rest[..end];
            self.pos += end + 1;
            let item = if self.null_separated { item } else { item.strip_suffix(b"\r").unwrap_or(item) };
            let blank = if self.null_separated { item.is_empty() } else { item.iter().all(u8::is_ascii_whitespace) };
            if !blank {
                return Some(path_from_bytes(item));
            }
        }
        None
    }
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
        let got: Vec<PathBuf> = read_list(&b"a.txt\r\n\n  \nb dir/c.pdf\n"[..], false).unwrap().collect();
        assert_eq!(got, [PathBuf::from("a.txt"), PathBuf::from("b dir/c.pdf")]);
        let got: Vec<PathBuf> = read_list(&b"a\nb\0c\0\0"[..], true).unwrap().collect();
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

    /// The walk of `args`: (relative path with `/`, failure kind) in order,
    /// duplicates, folders reached again.
    fn walk(args: &[PathBuf], hidden: bool) -> (Vec<(String, Option<String>)>, usize, usize) {
        let globs = ["*.pdf".to_string(), "*.txt".to_string()];
        let opts = Collect { globs: &globs, hidden, root: None, null_separated: false };
        let mut walker = Walker::new(args, &opts).unwrap();
        let got = walker.by_ref().map(|i| (slash_path(&i.rel), i.problem.map(|p| p.kind))).collect();
        (got, walker.duplicates(), walker.dir_links_skipped())
    }

    fn touch(path: &Path) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, b"Post number: 1\n").unwrap();
    }

    fn ok(rel: &str) -> (String, Option<String>) {
        (rel.to_string(), None)
    }

    #[cfg(unix)]
    #[test]
    fn walk_is_depth_first_in_name_order_and_takes_each_file_once() {
        use std::os::unix::ffi::OsStrExt;
        use std::os::unix::fs::symlink;
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("in");
        for rel in ["b.txt", ".hidden.txt", ".git/x.txt", "a/2.txt", "a/10.txt", "a/deep/z.pdf", "a/notes.md"] {
            touch(&root.join(rel));
        }
        // Not UTF-8: walked, its name shown lossily.
        touch(&root.join(std::ffi::OsStr::from_bytes(b"d/\xff.txt")));
        symlink("..", root.join("a/loop")).unwrap();
        // A link met before its target is the one taken; one met after is a duplicate.
        symlink("../b.txt", root.join("a/0-link.txt")).unwrap();
        symlink("a/2.txt", root.join("c-link.txt")).unwrap();
        symlink("nowhere.txt", root.join("d/broken.txt")).unwrap();
        // Hard links: two names, two inputs (as with canonical paths).
        touch(&root.join("h/1.txt"));
        std::fs::hard_link(root.join("h/1.txt"), root.join("h/2.txt")).unwrap();

        let visible = vec![
            ok("a/0-link.txt"),
            ok("a/10.txt"),
            ok("a/2.txt"),
            ok("a/deep/z.pdf"),
            ("d/broken.txt".to_string(), Some("io".to_string())),
            ok("d/\u{fffd}.txt"),
            ok("h/1.txt"),
            ok("h/2.txt"),
        ];
        // b.txt (reached first through a/0-link.txt) and c-link.txt are the duplicates; a/loop the loop.
        assert_eq!(walk(std::slice::from_ref(&root), false), (visible.clone(), 2, 1));
        let mut all = vec![ok(".git/x.txt"), ok(".hidden.txt")];
        all.extend(visible);
        assert_eq!(walk(&[root], true), (all, 2, 1));
    }

    #[test]
    fn a_named_file_also_reached_by_the_walk_is_taken_once() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("in");
        for rel in ["a.txt", "sub/b.txt", "sub/c.txt"] {
            touch(&root.join(rel));
        }
        let named = root.join("sub/b.txt");
        let want_first = vec![ok("b.txt"), ok("a.txt"), ok("sub/c.txt")];
        assert_eq!(walk(&[named.clone(), root.clone()], false), (want_first, 1, 0));
        let want_walk = vec![ok("a.txt"), ok("sub/b.txt"), ok("sub/c.txt")];
        assert_eq!(walk(&[root.clone(), named.clone()], false), (want_walk, 1, 0));
        // Through another spelling of its path too; a folder named twice is walked once.
        let other = root.join("sub/../sub/b.txt");
        assert_eq!(
            walk(&[named, other, root.clone(), root], false),
            (vec![ok("b.txt"), ok("a.txt"), ok("sub/c.txt")], 2, 1)
        );
    }

    #[test]
    fn missing_paths_are_failures_not_panics() {
        let tmp = tempfile::tempdir().unwrap();
        touch(&tmp.path().join("file.txt"));
        // A path below a file: metadata fails (not a directory).
        let args = [tmp.path().join("missing.txt"), tmp.path().join("file.txt/below.txt")];
        let (got, _, _) = walk(&args, false);
        assert_eq!(
            got,
            [("missing.txt".to_string(), Some("io".to_string())), ("below.txt".to_string(), Some("io".to_string()))]
        );
    }

    #[test]
    fn shards_partition() {
        let rels: Vec<PathBuf> = (0..200).map(|i| PathBuf::from(format!("d{}/f{i}.txt", i % 7))).collect();
        for r in &rels {
            assert_eq!((1..=3).filter(|&k| in_shard(r, k, 3)).count(), 1);
        }
    }
}
