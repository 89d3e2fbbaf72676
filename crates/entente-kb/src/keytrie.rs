//! The knowledge base's keys (names and role phrases in normal form) as a trie of words.
//!
//! A key is a sequence of words separated by single spaces, and so is a sentence in normal
//! form ([`crate::norm`]). Finding the keys that start at a word is a walk down the trie
//! with one lookup per word, and the longest key wins: the same answer as a leftmost-longest
//! automaton over the keys followed by a space, anchored at the word, for less work.

use rustc_hash::FxHashMap;

#[derive(Clone, Debug, Default)]
pub(crate) struct KeyTrie {
    /// Every word of a key -> its number.
    words: FxHashMap<Box<str>, u32>,
    /// (node, word number) -> the child node; node 0 is the root.
    edges: FxHashMap<(u32, u32), u32>,
    /// Per node: the index of the key ending there plus one, 0 for none.
    key_at: Vec<u32>,
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
                let next_word = t.words.len() as u32;
                let wid = *t.words.entry(w.into()).or_insert(next_word);
                let next_node = t.key_at.len() as u32;
                node = *t.edges.entry((node, wid)).or_insert(next_node);
                if node == next_node {
                    t.key_at.push(0);
                }
            }
            if t.key_at[node as usize] == 0 {
                t.key_at[node as usize] = ki as u32 + 1;
            }
        }
        t
    }

    /// Whether some key starts with the word `w`.
    pub(crate) fn starts_with_word(&self, w: &str) -> bool {
        self.words.get(w).is_some_and(|&wid| self.edges.contains_key(&(0, wid)))
    }

    /// The longest key that starts at byte `pos` of `text` (a normal form with a trailing
    /// space; `pos` starts a word): (key index, the byte after its last word).
    pub(crate) fn longest_at(&self, text: &str, pos: usize) -> Option<(usize, usize)> {
        let bytes = text.as_bytes();
        let mut node = 0u32;
        let mut best = None;
        let mut at = pos;
        while let Some(len) = bytes.get(at..).and_then(|r| r.iter().position(|&b| b == b' ')) {
            let end = at + len;
            let Some(&wid) = self.words.get(&text[at..end]) else { break };
            let Some(&child) = self.edges.get(&(node, wid)) else { break };
            node = child;
            if let Some(k) = self.key_at[node as usize].checked_sub(1) {
                best = Some((k as usize, end));
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
