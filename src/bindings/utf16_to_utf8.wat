;; UTF-16 to UTF-8 for the package's Node entry (pkg-template/index.node.cjs, api.js `copyString`).
;;
;; Why: in Node, `Buffer#ucs2Write` copies a string's UTF-16 code units into wasm memory two to
;; three times faster than `TextEncoder.encodeInto` writes its UTF-8 (V8 copies one-byte strings
;; with a widening memcpy and walks them character by character for UTF-8). This module turns the
;; units into UTF-8 in place, sixteen ASCII units per step with SIMD, and notes the first lone
;; surrogate on the way (written as U+FFFD, as encodeInto writes it), so JavaScript needs no
;; separate well-formedness check. Browsers have no `ucs2Write`; they keep `encodeInto`.
;;
;; It imports the main module's memory. scripts/build-package.sh assembles it with binaryen's
;; wasm-as into node/utf16_to_utf8.wasm; tests/js/utf16.test.mjs compares it with TextEncoder.
(module
  (import "gro" "memory" (memory 1))

  ;; The UTF-16 index of the first lone surrogate of the latest call, plus one; 0 when none.
  (global $lone (export "lone") (mut i32) (i32.const 0))

  ;; Converts `units` UTF-16LE code units at `src` into UTF-8 at `dst` and returns the bytes
  ;; written (equal to `units` exactly when every unit is ASCII). `dst` may lie before `src` in
  ;; the same buffer: with src >= dst + units + 16, no write reaches a unit not yet read, since a
  ;; unit becomes at most three bytes and a block store writes sixteen.
  (func (export "utf16ToUtf8") (param $src i32) (param $units i32) (param $dst i32) (result i32)
    (local $i i32)     ;; units read
    (local $o i32)     ;; bytes written
    (local $u i32)
    (local $v i32)
    (local $stop i32)
    (local $a v128)
    (local $b v128)
    (global.set $lone (i32.const 0))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $units)))
        ;; Sixteen units at once when they are all ASCII (no unit has a bit above 0x7f).
        (if (i32.le_u (i32.add (local.get $i) (i32.const 16)) (local.get $units))
          (then
            (local.set $a
              (v128.load (i32.add (local.get $src) (i32.shl (local.get $i) (i32.const 1)))))
            (local.set $b
              (v128.load offset=16 (i32.add (local.get $src) (i32.shl (local.get $i) (i32.const 1)))))
            (if (i32.eqz
                  (v128.any_true
                    (v128.and
                      (v128.or (local.get $a) (local.get $b))
                      (v128.const i16x8 0xff80 0xff80 0xff80 0xff80 0xff80 0xff80 0xff80 0xff80))))
              (then
                (v128.store
                  (i32.add (local.get $dst) (local.get $o))
                  (i8x16.narrow_i16x8_u (local.get $a) (local.get $b)))
                (local.set $i (i32.add (local.get $i) (i32.const 16)))
                (local.set $o (i32.add (local.get $o) (i32.const 16)))
                (br $next)))))
        ;; Otherwise one unit at a time to the end of these sixteen (or of the text).
        (local.set $stop (i32.add (local.get $i) (i32.const 16)))
        (if (i32.gt_u (local.get $stop) (local.get $units))
          (then (local.set $stop (local.get $units))))
        (block $block_done
          (loop $unit
            (br_if $block_done (i32.ge_u (local.get $i) (local.get $stop)))
            (local.set $u
              (i32.load16_u (i32.add (local.get $src) (i32.shl (local.get $i) (i32.const 1)))))
            (if (i32.lt_u (local.get $u) (i32.const 0x80))
              (then
                (i32.store8 (i32.add (local.get $dst) (local.get $o)) (local.get $u))
                (local.set $o (i32.add (local.get $o) (i32.const 1)))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $unit)))
            (if (i32.lt_u (local.get $u) (i32.const 0x800))
              (then
                (i32.store8 (i32.add (local.get $dst) (local.get $o))
                  (i32.or (i32.const 0xc0) (i32.shr_u (local.get $u) (i32.const 6))))
                (i32.store8 offset=1 (i32.add (local.get $dst) (local.get $o))
                  (i32.or (i32.const 0x80) (i32.and (local.get $u) (i32.const 0x3f))))
                (local.set $o (i32.add (local.get $o) (i32.const 2)))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $unit)))
            (if (i32.eq (i32.and (local.get $u) (i32.const 0xf800)) (i32.const 0xd800))
              (then
                ;; A surrogate: a high one followed by a low one is a pair (four bytes).
                (if (i32.and
                      (i32.lt_u (local.get $u) (i32.const 0xdc00))
                      (i32.lt_u (i32.add (local.get $i) (i32.const 1)) (local.get $units)))
                  (then
                    (local.set $v
                      (i32.load16_u offset=2
                        (i32.add (local.get $src) (i32.shl (local.get $i) (i32.const 1)))))
                    (if (i32.eq (i32.and (local.get $v) (i32.const 0xfc00)) (i32.const 0xdc00))
                      (then
                        ;; The code point, 0x10000 to 0x10ffff.
                        (local.set $u
                          (i32.add
                            (i32.or
                              (i32.shl (i32.and (local.get $u) (i32.const 0x3ff)) (i32.const 10))
                              (i32.and (local.get $v) (i32.const 0x3ff)))
                            (i32.const 0x10000)))
                        (i32.store8 (i32.add (local.get $dst) (local.get $o))
                          (i32.or (i32.const 0xf0) (i32.shr_u (local.get $u) (i32.const 18))))
                        (i32.store8 offset=1 (i32.add (local.get $dst) (local.get $o))
                          (i32.or (i32.const 0x80)
                            (i32.and (i32.shr_u (local.get $u) (i32.const 12)) (i32.const 0x3f))))
                        (i32.store8 offset=2 (i32.add (local.get $dst) (local.get $o))
                          (i32.or (i32.const 0x80)
                            (i32.and (i32.shr_u (local.get $u) (i32.const 6)) (i32.const 0x3f))))
                        (i32.store8 offset=3 (i32.add (local.get $dst) (local.get $o))
                          (i32.or (i32.const 0x80) (i32.and (local.get $u) (i32.const 0x3f))))
                        (local.set $o (i32.add (local.get $o) (i32.const 4)))
                        (local.set $i (i32.add (local.get $i) (i32.const 2)))
                        (br $unit)))))
                ;; A lone surrogate: noted (the first one), written as U+FFFD.
                (if (i32.eqz (global.get $lone))
                  (then (global.set $lone (i32.add (local.get $i) (i32.const 1)))))
                (local.set $u (i32.const 0xfffd))))
            ;; Three bytes: the rest of the Basic Multilingual Plane.
            (i32.store8 (i32.add (local.get $dst) (local.get $o))
              (i32.or (i32.const 0xe0) (i32.shr_u (local.get $u) (i32.const 12))))
            (i32.store8 offset=1 (i32.add (local.get $dst) (local.get $o))
              (i32.or (i32.const 0x80)
                (i32.and (i32.shr_u (local.get $u) (i32.const 6)) (i32.const 0x3f))))
            (i32.store8 offset=2 (i32.add (local.get $dst) (local.get $o))
              (i32.or (i32.const 0x80) (i32.and (local.get $u) (i32.const 0x3f))))
            (local.set $o (i32.add (local.get $o) (i32.const 3)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $unit)))
        (br $next)))
    (local.get $o)))
