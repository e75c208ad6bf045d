//! Checks against the reference implementation (Hugging Face `tokenizers` with
//! the model's tokenizer.json, and a float64 numpy BERT forward pass) on the
//! real model. They need the model files: run `crates/encoder/setup.sh` first.

use std::ops::Range;
use std::sync::OnceLock;

use newsgraph_encoder::Encoder;

fn model_dir() -> std::path::PathBuf {
    Encoder::locate().expect(
        "no encoder model: run crates/encoder/setup.sh to fetch it into models/minilm-l6 \
         (or set NEWSGRAPH_ENCODER to a directory holding it)",
    )
}

fn encoder() -> &'static Encoder {
    static ENCODER: OnceLock<Encoder> = OnceLock::new();
    ENCODER.get_or_init(|| Encoder::load(&model_dir()).unwrap_or_else(|e| panic!("{e}")))
}

/// The encoder with every product in `f32`, for comparisons with the reference.
fn f32_encoder() -> &'static Encoder {
    static ENCODER: OnceLock<Encoder> = OnceLock::new();
    ENCODER.get_or_init(|| Encoder::load_with_f32_products(&model_dir()).unwrap_or_else(|e| panic!("{e}")))
}

/// Byte ranges of `tokens`, found in order in `text`.
fn ranges(text: &str, tokens: &[&str]) -> Vec<Range<usize>> {
    let mut from = 0;
    tokens
        .iter()
        .map(|t| {
            let start = from + text[from..].find(t).unwrap_or_else(|| panic!("{t:?} not in {text:?}"));
            from = start + t.len();
            start..from
        })
        .collect()
}

#[test]
fn wordpieces_match_the_reference_tokenizer() {
    let text = "The naïve café owner — a former Ångström researcher — owed €40,000 from the city’s budget.";
    let pieces = encoder().tokenizer().tokenize(text);
    let got: Vec<(&str, u32)> = pieces.iter().map(|p| (&text[p.bytes.clone()], p.id)).collect();
    #[rustfmt::skip]
    let want = [
        ("The", 1996), ("naïve", 15743), ("café", 7668), ("owner", 3954), ("—", 1517), ("a", 1037),
        ("former", 2280), ("Ång", 17076), ("ström", 15687), ("researcher", 10753), ("—", 1517),
        ("owed", 12232), ("€", 1574), ("40", 12740), (",", 1010), ("000", 2199), ("from", 2013),
        ("the", 1996), ("city", 2103), ("’", 1521), ("s", 1055), ("budget", 5166), (".", 1012),
    ];
    assert_eq!(got, want);
}

#[test]
fn hidden_states_match_the_reference() {
    // In f32 to within 1e-4; with 16-bit products (where the CPU has AVX2)
    // within 5e-3: rounding errs by a few thousandths, and the last bit of
    // any input can flip which way a value rounds.
    for (encoder, tolerance) in [(f32_encoder(), 1e-4), (encoder(), 5e-3)] {
        hidden_states_match_the_reference_within(encoder, tolerance);
    }
}

fn hidden_states_match_the_reference_within(encoder: &Encoder, tolerance: f32) {
    let text = "“We will not back down,” Mayor Ana Martínez said in Pyongyang.";
    let tokens = ranges(text, &["“", "We", "Martínez", "Pyongyang", "."]);
    let vectors = encoder.token_vectors(text, &[], &tokens, &[3, 6]);
    // The first four dimensions; Pyongyang is the mean of its four pieces p ##yon ##gy ##ang.
    #[rustfmt::skip]
    let want = [
        (3, [[-0.426829, 0.47695, -0.242378, 0.307978], [-0.322328, -0.771139, 0.067142, -0.34827],
             [0.078465, 0.866581, 0.396456, 0.030822], [0.027195, 0.150055, 0.002965, 0.246944],
             [0.329206, 0.401671, -0.966196, -0.047126]]),
        (6, [[-0.113847, 0.619174, 0.368858, 0.400044], [0.01829, -0.346495, 0.092662, 0.503963],
             [-0.061775, 0.554951, -0.350979, 0.720616], [0.0335, 0.502039, -0.169496, 0.195724],
             [0.136432, 0.560536, 0.176173, 0.582693]]),
    ];
    for (layer, rows) in want {
        for (token, row) in rows.iter().enumerate() {
            let got = &vectors.vector(token, layer)[..4];
            let close = got.iter().zip(row).all(|(g, w)| (g - w).abs() < tolerance);
            assert!(close, "layer {layer}, {:?}: {got:?} not {row:?}", &text[tokens[token].clone()]);
        }
    }
}

#[test]
fn windows_are_encoded_alike_in_any_batch() {
    let encoder = encoder();
    // 11 sentences of 11 pieces fill a window; 100 sentences take 10 windows, in two batches.
    let sentence = "Officials said the talks in Geneva would resume on Monday. ";
    let per_window = (Encoder::DEFAULT_WINDOW - 2) / encoder.tokenizer().tokenize(sentence).len();
    let ranges_of = |copies: usize| {
        let text = sentence.repeat(copies);
        let sentences: Vec<_> = (0..copies).map(|i| i * sentence.len()..(i + 1) * sentence.len() - 1).collect();
        let words = text.split_whitespace().map(|w| w.trim_end_matches('.')).collect::<Vec<_>>();
        let tokens = ranges(&text, &words);
        (text, sentences, tokens)
    };
    let (text, sentences, tokens) = ranges_of(100);
    let long = encoder.token_vectors(&text, &sentences, &tokens, &[2]);
    let (text, sentences, tokens) = ranges_of(per_window);
    let alone = encoder.token_vectors(&text, &sentences, &tokens, &[2]);
    // Every window but the last holds the same sentences as `alone`.
    for token in 0..long.len() / alone.len() * alone.len() {
        let (got, want) = (long.vector(token, 2), alone.vector(token % alone.len(), 2));
        assert!(got.iter().zip(want).all(|(g, w)| (g - w).abs() < 1e-5), "token {token}");
    }
}

#[test]
fn a_sentence_longer_than_a_window_is_cut_with_overlap() {
    let encoder = encoder();
    let size = Encoder::DEFAULT_WINDOW - 2;
    // One piece a word and no sentence boundary: 300 pieces take three overlapping windows.
    let words: Vec<&str> = "officials said the talks would resume".split(' ').cycle().take(300).collect();
    let text = words.join(" ");
    let tokens = ranges(&text, &words);
    let long = encoder.token_vectors(&text, &[], &tokens, &[2]);
    assert!((0..long.len()).all(|t| long.vector(t, 2).iter().any(|&v| v != 0.0)), "a token without a vector");
    // The first window is the first `size` words and supplies the pieces up to the middle of its overlap with
    // the next (7/8 of it); the last window is the last `size` words and supplies at least its second half.
    let head = words[..size].join(" ");
    let tail_words = &words[words.len() - size..];
    let tail = tail_words.join(" ");
    let head = encoder.token_vectors(&head, &[], &ranges(&head, &words[..size]), &[2]);
    let tail = encoder.token_vectors(&tail, &[], &ranges(&tail, tail_words), &[2]);
    let close = |a: &[f32], b: &[f32]| a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-5);
    for t in 0..size * 7 / 8 {
        assert!(close(long.vector(t, 2), head.vector(t, 2)), "token {t}");
    }
    for t in size / 2..size {
        assert!(close(long.vector(long.len() - size + t, 2), tail.vector(t, 2)), "token {t} of the tail");
    }
}

#[test]
fn regions_are_encoded_as_texts_of_their_own() {
    let encoder = encoder();
    let first = "The weather in Geneva was mild on Monday.";
    let second = "“The talks will resume,” the envoy said.";
    let text = format!("{first} {second}");
    let words = ["weather", "Geneva", "talks", "envoy", "said"];
    let tokens = ranges(&text, &words);
    let sentences = [0..first.len(), first.len() + 1..text.len()];
    let some = encoder.token_vectors_in(&text, &sentences[1..], &sentences, &tokens, &[1, 2]);
    let alone = encoder.token_vectors(second, &[], &ranges(second, &words[2..]), &[1, 2]);
    for layer in [1, 2] {
        assert!(some.vector(0, layer).iter().chain(some.vector(1, layer)).all(|&v| v == 0.0));
        for t in 0..3 {
            let close = some.vector(t + 2, layer).iter().zip(alone.vector(t, layer)).all(|(a, b)| (a - b).abs() < 1e-5);
            assert!(close, "layer {layer}, {:?}", words[t + 2]);
        }
    }
}

/// A text whose tokens are its words, and its sentences.
fn words(text: &str) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
    let tokens = text.split_whitespace().map(|w| {
        let start = w.as_ptr() as usize - text.as_ptr() as usize;
        start..start + w.len()
    });
    (tokens.collect(), std::iter::once(0..text.len()).collect())
}

#[test]
fn an_untrained_top_computes_what_the_model_does() {
    let text = "The council said on Monday that the bridge would reopen in May.";
    let (tokens, sentences) = words(text);
    let labels = vec![None; tokens.len()];
    let texts = [newsgraph_encoder::TuneText {
        text,
        regions: sentences.clone(),
        sentences: sentences.clone(),
        tokens: tokens.clone(),
        labels,
    }];
    let config = newsgraph_encoder::TuneConfig {
        base: 3,
        layers: 2,
        labels: 4,
        epochs: 0,
        windows_per_step: 4,
        learning_rate: 1e-4,
        head_learning_rate: 1e-3,
        seed: 1,
        threads: 1,
    };
    let top = newsgraph_encoder::tune_top(&model_dir(), &texts, &config, |_, _, _| {}).unwrap();
    assert_eq!(top.top_layer(), 5);
    let tuned = Encoder::load_with_f32_products(&model_dir()).unwrap().with_top(top).unwrap();
    let plain = f32_encoder().token_vectors(text, &sentences, &tokens, &[5]);
    let ours = tuned.token_vectors(text, &sentences, &tokens, &[5]);
    assert_eq!(ours, plain, "the checkpoint's own weights, placed back, change nothing");
    assert_eq!(tuned.top().unwrap().logits(ours.vector(0, 5)), [0.0; 4], "the head starts at zero");
}

#[test]
fn tuning_learns_to_tell_quoted_words() {
    // Each word's label: inside quotation marks or not, which the frozen
    // layers alone do not say; a few epochs on one layer must learn it.
    let text = "Ann said “the roof leaks badly” and left. “We will fix it soon,” the owner replied. \
                Tenants said the repairs “came far too late” for them.";
    let (tokens, sentences) = words(text);
    let mut inside = false;
    let labels = tokens
        .iter()
        .map(|t| {
            let word = &text[t.clone()];
            inside |= word.starts_with('“');
            let label = u8::from(inside);
            inside &= !word.contains('”');
            Some(label)
        })
        .collect();
    let texts = [newsgraph_encoder::TuneText { text, regions: sentences.clone(), sentences, tokens, labels }];
    let config = newsgraph_encoder::TuneConfig {
        base: 3,
        layers: 1,
        labels: 2,
        epochs: 40,
        windows_per_step: 1,
        learning_rate: 1e-4,
        head_learning_rate: 1e-2,
        seed: 1,
        threads: 1,
    };
    let mut epochs = Vec::new();
    let top =
        newsgraph_encoder::tune_top(&model_dir(), &texts, &config, |_, loss, accuracy| epochs.push((loss, accuracy)))
            .unwrap();
    let (first, last) = (epochs[0], epochs[epochs.len() - 1]);
    assert!(last.0 < first.0 / 4.0, "loss {first:?} -> {last:?}");
    assert_eq!(last.1, 1.0, "every word labelled right in the end");
    let again = newsgraph_encoder::tune_top(&model_dir(), &texts, &config, |_, _, _| {}).unwrap();
    assert_eq!(again, top, "tuning is deterministic");
}
