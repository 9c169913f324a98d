#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Extract every Hyperlaunch DT example of the documents into .dts files.

doc-dt-examples.py DOCS-DIR OUT-DIR

An example is a code block (fenced, or indented after a blank line) that
holds a 'compatible = "xen,domain"' or "hypervisor,xen" node.  Fragments
are completed: a domain node goes under /chosen (or /chosen/hypervisor in
the hyperlaunch form), a /chosen node under a root node with 2 address
and 2 size cells, as a board's (QEMU's virt machine).  An elided module
node, 'module@ADDR { ... };', becomes a kernel module at ADDR.  Module nodes that name a
file with 'hlimage,file' (an input of hlimage) get the 'module-index' or
'reg' hlimage would give them.  A block containing "..." is a sketch, not
an example, and is left out.  Each file starts with comment lines:
  // from: FILE:LINE
  // args: hlcheck options (--arch x86_64 --loader-modules N)
  // expect: valid | invalid   ("/* hlcheck: invalid */" in the example)
  // strict: yes | no   (no: it names a partial device tree, which hlcheck
                         warns it cannot read from the DT alone)
"""
import os
import re
import sys


# A fragment goes into a root node with the cells of a board (QEMU virt).
ROOT = '/ {\n#address-cells = <2>;\n#size-cells = <2>;\n%s\n};'


def fenced_blocks(lines):
    i = 0
    while i < len(lines):
        m = re.match(r'^\s*(```+|~~~+)', lines[i])
        if not m:
            i += 1
            continue
        j = i + 1
        while j < len(lines) and not lines[j].strip().startswith(m.group(1)):
            j += 1
        yield i + 2, lines[i + 1:j]
        i = j + 1


def indented_blocks(lines):
    i = 0
    while i < len(lines):
        m = re.match(r'^(\t+| {2,})\S', lines[i])
        if not m or (i and lines[i - 1].strip()):
            i += 1
            continue
        ind = len(m.group(1).expandtabs())
        j = i
        while j < len(lines) and (not lines[j].strip() or
                                  len(lines[j].expandtabs()) -
                                  len(lines[j].expandtabs().lstrip()) >= ind):
            j += 1
        yield i + 1, [l.expandtabs()[ind:] for l in lines[i:j]]
        i = j


def cells_before(text, pos):
    """The #address-cells/#size-cells in force at @pos (2 and 2 at /)."""
    ac = re.findall(r'#address-cells\s*=\s*<(\d+)>', text[:pos])
    sc = re.findall(r'#size-cells\s*=\s*<(\d+)>', text[:pos])
    return int(ac[-1]) if ac else 2, int(sc[-1]) if sc else 2


def fill_files(text, x86):
    """'hlimage,file = "X";' -> what hlimage writes in its place."""
    n = 0
    out = ''
    pos = 0
    for m in re.finditer(r'hlimage,file\s*=\s*"[^"]*";', text):
        n += 1
        out += text[pos:m.start()]
        if x86:
            out += 'module-index = <%d>;' % n
        else:
            ac, sc = cells_before(text, m.start())
            addr = 0x50000000 + n * 0x2000000
            cells = ([0] * (ac - 1) + [addr]) + ([0] * (sc - 1) + [0x100000])
            out += 'reg = <%s>;' % ' '.join('%#x' % c for c in cells)
        pos = m.end()
    return out + text[pos:], n


def expand_modules(text):
    """'module@ADDR { ... };' (an elided module): a kernel at ADDR."""
    def one(m):
        inner = m.group(2).replace('...', '').strip()
        ac, sc = cells_before(text, m.start())
        addr = int(m.group(1), 16)
        if 'compatible' not in inner:
            inner += ' compatible = "multiboot,kernel", "multiboot,module";'
        if 'reg' not in inner:
            cells = [0] * (ac - 1) + [addr] + [0] * (sc - 1) + [0x100000]
            inner += ' reg = <%s>;' % ' '.join('%#x' % c for c in cells)
        return 'module@%s { %s }' % (m.group(1), inner.strip())
    return re.sub(r'module@([0-9a-fA-F]+)\s*\{([^{}]*\.\.\.[^{}]*)\}', one,
                  text)


def complete(body):
    """A whole tree and hlcheck's arguments for example @body."""
    text = expand_modules(re.sub(r'^\s*/dts-v1/;\s*', '', body.strip()))
    x86 = bool(re.search(r'module-index|\bmode\s*=', text))
    text, files = fill_files(text, x86)
    first = re.match(r'\s*([\w,@.+-]+)\s*\{', text)
    name = first.group(1) if first else ''
    if text.startswith('/ {') or text.startswith('/{'):
        tree = text
    elif name == 'chosen':
        tree = ROOT % text
    elif name == 'hypervisor':
        tree = ROOT % ('chosen {\n%s\n};' % text)
    elif x86:
        tree = ROOT % ('chosen {\nhypervisor {\ncompatible = '
                       '"hypervisor,xen";\n%s\n};\n};' % text)
    else:
        tree = ROOT % ('chosen {\n%s\n};' % text)
    args = []
    if x86:
        idx = [int(v, 0) for v in re.findall(r'module-index\s*=\s*<(\w+)>',
                                              text)]
        args = ['--arch', 'x86_64', '--loader-modules',
                str(max(idx + [files]) + 1)]
    return '/dts-v1/;\n' + tree + '\n', args


def examples(path):
    """(line, text) of each DT example of the document @path."""
    try:
        lines = open(path).read().split('\n')
    except UnicodeDecodeError:
        return
    fenced = list(fenced_blocks(lines))
    inside = set()
    for line, block in fenced:
        inside.update(range(line, line + len(block)))
    for line, block in fenced + list(indented_blocks(lines)):
        if line in inside and (line, block) not in fenced:
            continue
        body = expand_modules('\n'.join(block))
        if ('{' in body and '...' not in body and
                re.search(r'"xen,domain"|"hypervisor,xen"', body)):
            yield line, body


def main():
    docs, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    n = 0
    for root, _, files in sorted(os.walk(docs)):
        for f in sorted(files):
            path = os.path.join(root, f)
            for line, body in examples(path):
                tree, args = complete(body)
                expect = ('invalid' if '/* hlcheck: invalid */' in body
                          else 'valid')
                strict = 'no' if 'multiboot,device-tree' in body else 'yes'
                n += 1
                name = '%03d-%s-%d.dts' % (n, f.replace('.', '_'), line)
                with open(os.path.join(out, name), 'w') as o:
                    o.write('// from: %s:%d\n// args: %s\n// expect: %s\n'
                            '// strict: %s\n'
                            % (path, line, ' '.join(args), expect, strict))
                    o.write(tree)
    print('%d examples' % n)


if __name__ == '__main__':
    main()
