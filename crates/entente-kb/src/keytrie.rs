//! The knowledge base's keys (names and role phrases in normal form) as a trie of words.
//!
//! A key is a sequence of words separated by single spaces, and so is a sentence in normal
//! form ([`crate::norm`]). Finding the keys that start at a word is a walk down the trie
//! with one lookup per word, and the longest key wins: the same answer as a leftmost-longest
//! automaton over the keys followed by a space, anchored at the word, for less work.

use std::hash::Hasher;

use hashbrown::HashTable;
use rustc_hash::FxHasher;

/// An edge of the trie: from `node` by the word `words[w..w + len]` to `child`.
#[derive(Clone, Copy, Debug)]
struct Edge {
    node: u32,
    child: u32,
    w: u32,
    len: u32,
}

#[derive(Clone, Debug, Default)]
pub(crate) struct KeyTrie {
    /// The words of the edges, one after the other.
    words: String,
    /// The edges, hashed by (node, word): one probe per word walked.
    edges: HashTable<Edge>,
    /// Per node: the index of the key ending there plus one, 0 for none.
    key_at: Vec<u32>,
}

fn edge_hash(node: u32, w: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write_u32(node);
    h.write(w.as_bytes());
    h.finish()
}

impl KeyTrie {
    /// The trie of `keys` (a key's index is its position; empty keys are left out).
    pub(crate) fn new<'k>(keys: impl IntoIterator<Item = &'k str>) -> KeyTrie {
        let mut t = KeyTrie { key_at: vec![0], ..KeyTrie::default() };
        for (ki, k) in keys.into_iter().enumerate() {
            if k.is_empty() {
                continue;
            }
            let mut node = 0u32;
            for w in k.split(' ') {
                node = match t.child(node, w) {
                    Some(c) => c,
                    None => {
                        let child = t.key_at.len() as u32;
                        t.key_at.push(0);
                        let e = Edge { node, child, w: t.words.len() as u32, len: w.len() as u32 };
                        t.words.push_str(w);
                        let words = &t.words;
                        t.edges.insert_unique(edge_hash(node, w), e, |e| {
                            edge_hash(e.node, &words[e.w as usize..(e.w + e.len) as usize])
                        });
                        child
                    }
                };
            }
            if t.key_at[node as usize] == 0 {
                t.key_at[node as usize] = ki as u32 + 1;
            }
        }
        t
    }

    /// The node reached from `node` by the word `w`.
    #[inline]
    fn child(&self, node: u32, w: &str) -> Option<u32> {
        let words = self.words.as_bytes();
        self.edges
            .find(edge_hash(node, w), |e| {
                e.node == node && words.get(e.w as usize..(e.w + e.len) as usize) == Some(w.as_bytes())
            })
            .map(|e| e.child)
    }

    /// Whether some key starts with the word `w`.
    pub(crate) fn starts_with_word(&self, w: &str) -> bool {
        self.child(0, w).is_some()
    }

    /// The longest key that starts at byte `pos` of `text` (a normal form with a trailing
    /// space; `pos` starts a word): (key index, the byte after its last word).
    #[cfg(test)]
    pub(crate) fn longest_at(&self, text: &str, pos: usize) -> Option<(usize, usize)> {
        let spaces: Vec<u32> =
            text.bytes().enumerate().filter(|&(i, b)| i >= pos && b == b' ').map(|(i, _)| i as u32).collect();
        self.longest_from(text, pos, &spaces).map(|(k, end, _)| (k, end))
    }

    /// [`KeyTrie::longest_at`] with the offsets of the spaces from `pos` on (the ends of
    /// the words, [`crate::norm::Normalized::spaces`]): (key index, the byte after its last
    /// word, its number of words).
    pub(crate) fn longest_from(&self, text: &str, pos: usize, spaces: &[u32]) -> Option<(usize, usize, usize)> {
        let mut node = 0u32;
        let mut best = None;
        let mut at = pos;
        for (i, &end) in spaces.iter().enumerate() {
            let end = end as usize;
            let Some(child) = self.child(node, &text[at..end]) else { break };
            node = child;
            if let Some(k) = self.key_at[node as usize].checked_sub(1) {
                best = Some((k as usize, end, i + 1));
            }
            at = end + 1;
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_key_at_a_word_is_found() {
        let keys = ["iran", "iran s supreme leader", "the supreme leader", "supreme leader", "qatar", ""];
        let t = KeyTrie::new(keys);
        let text = "iran s supreme leader met the emir of qatar ";
        assert_eq!(t.longest_at(text, 0), Some((1, 21)));
        assert_eq!(t.longest_at(text, 7), Some((3, 21)));
        assert_eq!(t.longest_at(text, 26), None);
        assert_eq!(t.longest_at(text, text.find("qatar").unwrap()), Some((4, text.len() - 1)));
        // a key is whole words: "iran" does not start "iranian"
        assert_eq!(t.longest_at("iranian forces ", 0), None);
        // the longest wins even when a shorter one ends inside it
        assert_eq!(t.longest_at("iran s army ", 0), Some((0, 4)));
        assert!(t.starts_with_word("the") && !t.starts_with_word("leader"));
        // a key followed by words no key goes on with
        assert_eq!(t.longest_at("iran met qatar ", 0), Some((0, 4)));
        assert_eq!(t.longest_at("iran s talks ", 0), Some((0, 4)));
    }
}
