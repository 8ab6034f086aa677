;; Lower triangle of a Gram matrix X'X over one chunk of rows, in 128-bit SIMD (two doubles
;; per instruction): the Wald pre-test's covariance of the pre-treatment ATT(g,t) (attgt.ts).
;; Compiled by `npm run build:wasm` into gram-wasm.ts (the bytes, base64); a test checks that
;; the committed bytes are this source's.
;;
;; Memory, set up by gram-wasm.ts:
;;   cols: qp columns of c rows each (column j at cols + j * c * 8), c even, qp a multiple of 4,
;;         padding columns and rows zero;
;;   out:  qp x qp entries of two partial sums each (entry (a, b) at out + (a * qp + b) * 16):
;;         lane 0 sums the chunk's even rows, lane 1 its odd rows. Entries carry over chunks,
;;         so every entry is the same sequence of additions however the work is split.
;; gram(cols, c, qp, out, a0, a1) adds the chunk to the blocks of rows a0 .. a1 - 1 (a0, a1 even)
;; and columns b <= a + 1 (2 x 4 blocks; entries above the diagonal are computed and ignored).
(module
  (memory (export "memory") 1)
  (func (export "gram") (param $cols i32) (param $c i32) (param $qp i32) (param $out i32) (param $a0 i32) (param $a1 i32)
    (local $stride i32) (local $bEnd i32) (local $b0 i32)
    (local $pA0 i32) (local $pA1 i32) (local $pB0 i32) (local $pB1 i32) (local $pB2 i32) (local $pB3 i32)
    (local $o0 i32) (local $o1 i32) (local $i i32)
    (local $s00 v128) (local $s01 v128) (local $s02 v128) (local $s03 v128)
    (local $s10 v128) (local $s11 v128) (local $s12 v128) (local $s13 v128)
    (local $x0 v128) (local $x1 v128) (local $y v128)
    (local.set $stride (i32.shl (local.get $c) (i32.const 3)))
    (block $doneA
      (loop $rowsA
        (br_if $doneA (i32.ge_u (local.get $a0) (local.get $a1)))
        (local.set $pA0 (i32.add (local.get $cols) (i32.mul (local.get $a0) (local.get $stride))))
        (local.set $pA1 (i32.add (local.get $pA0) (local.get $stride)))
        (local.set $bEnd (i32.add (local.get $a0) (i32.const 2)))
        (local.set $b0 (i32.const 0))
        (block $doneB
          (loop $colsB
            (br_if $doneB (i32.ge_u (local.get $b0) (local.get $bEnd)))
            (local.set $pB0 (i32.add (local.get $cols) (i32.mul (local.get $b0) (local.get $stride))))
            (local.set $pB1 (i32.add (local.get $pB0) (local.get $stride)))
            (local.set $pB2 (i32.add (local.get $pB1) (local.get $stride)))
            (local.set $pB3 (i32.add (local.get $pB2) (local.get $stride)))
            (local.set $o0 (i32.add (local.get $out)
              (i32.shl (i32.add (i32.mul (local.get $a0) (local.get $qp)) (local.get $b0)) (i32.const 4))))
            (local.set $o1 (i32.add (local.get $o0) (i32.shl (local.get $qp) (i32.const 4))))
            (local.set $s00 (v128.load offset=0 (local.get $o0)))
            (local.set $s01 (v128.load offset=16 (local.get $o0)))
            (local.set $s02 (v128.load offset=32 (local.get $o0)))
            (local.set $s03 (v128.load offset=48 (local.get $o0)))
            (local.set $s10 (v128.load offset=0 (local.get $o1)))
            (local.set $s11 (v128.load offset=16 (local.get $o1)))
            (local.set $s12 (v128.load offset=32 (local.get $o1)))
            (local.set $s13 (v128.load offset=48 (local.get $o1)))
            (local.set $i (i32.const 0))
            (block $doneI
              (loop $rowsI
                (br_if $doneI (i32.ge_u (local.get $i) (local.get $stride)))
                (local.set $x0 (v128.load (i32.add (local.get $pA0) (local.get $i))))
                (local.set $x1 (v128.load (i32.add (local.get $pA1) (local.get $i))))
                (local.set $y (v128.load (i32.add (local.get $pB0) (local.get $i))))
                (local.set $s00 (f64x2.add (local.get $s00) (f64x2.mul (local.get $x0) (local.get $y))))
                (local.set $s10 (f64x2.add (local.get $s10) (f64x2.mul (local.get $x1) (local.get $y))))
                (local.set $y (v128.load (i32.add (local.get $pB1) (local.get $i))))
                (local.set $s01 (f64x2.add (local.get $s01) (f64x2.mul (local.get $x0) (local.get $y))))
                (local.set $s11 (f64x2.add (local.get $s11) (f64x2.mul (local.get $x1) (local.get $y))))
                (local.set $y (v128.load (i32.add (local.get $pB2) (local.get $i))))
                (local.set $s02 (f64x2.add (local.get $s02) (f64x2.mul (local.get $x0) (local.get $y))))
                (local.set $s12 (f64x2.add (local.get $s12) (f64x2.mul (local.get $x1) (local.get $y))))
                (local.set $y (v128.load (i32.add (local.get $pB3) (local.get $i))))
                (local.set $s03 (f64x2.add (local.get $s03) (f64x2.mul (local.get $x0) (local.get $y))))
                (local.set $s13 (f64x2.add (local.get $s13) (f64x2.mul (local.get $x1) (local.get $y))))
                (local.set $i (i32.add (local.get $i) (i32.const 16)))
                (br $rowsI)))
            (v128.store offset=0 (local.get $o0) (local.get $s00))
            (v128.store offset=16 (local.get $o0) (local.get $s01))
            (v128.store offset=32 (local.get $o0) (local.get $s02))
            (v128.store offset=48 (local.get $o0) (local.get $s03))
            (v128.store offset=0 (local.get $o1) (local.get $s10))
            (v128.store offset=16 (local.get $o1) (local.get $s11))
            (v128.store offset=32 (local.get $o1) (local.get $s12))
            (v128.store offset=48 (local.get $o1) (local.get $s13))
            (local.set $b0 (i32.add (local.get $b0) (i32.const 4)))
            (br $colsB)))
        (local.set $a0 (i32.add (local.get $a0) (i32.const 2)))
        (br $rowsA)))))
