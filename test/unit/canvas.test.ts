/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code, never shipped: it reads the shipped templates with fs */
// Every shipped template's canvas, read from its file as a practice imports it: the sticky notes
// are readable at the default zoom (none overlaps another note or a node, every note's text fits
// its box), and no connection line runs through a note. Sizes are n8n's defaults: a node is
// 100 x 100 (a sticky note its own width and height, 240 x 160 when not set); text is estimated
// at the note's default font (about 7.5 px a character, 21 px a line, 16 px padding).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Node {
	name: string;
	type: string;
	position: [number, number];
	parameters: { content?: string; width?: number; height?: number };
}
interface Workflow {
	nodes: Node[];
	connections: Record<string, { main?: Array<Array<{ node: string }> | null> }>;
}
interface Rect {
	name: string;
	x1: number;
	y1: number;
	x2: number;
	y2: number;
}

const DIR = join(__dirname, '..', '..', 'workflows');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.json'));
const NODE = 100;
const isNote = (n: Node) => n.type === 'n8n-nodes-base.stickyNote';

function rectOf(n: Node): Rect {
	const [x, y] = n.position;
	const w = isNote(n) ? (n.parameters.width ?? 240) : NODE;
	const h = isNote(n) ? (n.parameters.height ?? 160) : NODE;
	return { name: n.name, x1: x, y1: y, x2: x + w, y2: y + h };
}

const overlap = (a: Rect, b: Rect) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

/** The height a note's markdown needs at the default font, wrapped to its width. */
export function neededHeight(content: string, width: number): number {
	const PADDING = 16;
	const CHAR = 7.5;
	let height = 2 * PADDING;
	for (const raw of content.split('\n')) {
		const heading = /^(#+)\s/.exec(raw);
		const scale = heading ? (heading[1]!.length <= 2 ? 1.5 : 1.2) : 1;
		const text = raw
			.replace(/^#+\s/, '')
			.replace(/\*\*|\*|`/g, '')
			.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
		const indent = /^\s*[-*]\s/.test(raw) ? 24 : 0;
		const perLine = Math.max(1, Math.floor((width - 2 * PADDING - indent) / (CHAR * scale)));
		const lines = text.trim() === '' ? 0.6 : Math.ceil(text.length / perLine);
		height += lines * 21 * scale + (heading ? 8 : 0);
	}
	return Math.ceil(height);
}

/** Whether the segment from p to q crosses the rectangle (Liang-Barsky clipping). */
function segmentHits(p: [number, number], q: [number, number], r: Rect): boolean {
	let t0 = 0;
	let t1 = 1;
	const dx = q[0] - p[0];
	const dy = q[1] - p[1];
	for (const [pk, qk] of [
		[-dx, p[0] - r.x1],
		[dx, r.x2 - p[0]],
		[-dy, p[1] - r.y1],
		[dy, r.y2 - p[1]],
	] as const) {
		if (pk === 0) {
			if (qk < 0) return false;
		} else {
			const t = qk / pk;
			if (pk < 0) t0 = Math.max(t0, t);
			else t1 = Math.min(t1, t);
			if (t0 > t1) return false;
		}
	}
	return true;
}

describe.each(FILES)('the canvas of %s', (file) => {
	const workflow = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as Workflow;
	const notes = workflow.nodes.filter(isNote);
	const nodes = workflow.nodes.filter((n) => !isNote(n));

	test('no note overlaps another note or a node', () => {
		const clashes: string[] = [];
		notes.forEach((note, i) => {
			const r = rectOf(note);
			for (const other of [...notes.slice(i + 1), ...nodes])
				if (overlap(r, rectOf(other))) clashes.push(`${note.name} / ${other.name}`);
		});
		expect(clashes).toEqual([]);
	});

	test("every note's text fits its box", () => {
		const cut = notes
			.map((n) => ({
				name: n.name,
				height: n.parameters.height ?? 160,
				needs: neededHeight(n.parameters.content ?? '', n.parameters.width ?? 240),
			}))
			.filter((n) => n.needs > n.height)
			.map((n) => `${n.name}: needs about ${n.needs} px, has ${n.height}`);
		expect(cut).toEqual([]);
	});

	test('no connection line runs through a note', () => {
		const byName = new Map(workflow.nodes.map((n) => [n.name, n]));
		const crossings: string[] = [];
		for (const [from, outputs] of Object.entries(workflow.connections)) {
			const source = byName.get(from)!;
			for (const targets of outputs.main ?? []) {
				for (const { node } of targets ?? []) {
					const target = byName.get(node)!;
					// From the source's right edge to the target's left edge, mid-height (a straight
					// approximation of n8n's curve).
					const p: [number, number] = [source.position[0] + NODE, source.position[1] + NODE / 2];
					const q: [number, number] = [target.position[0], target.position[1] + NODE / 2];
					for (const note of notes)
						if (segmentHits(p, q, rectOf(note)))
							crossings.push(`${from} -> ${node} crosses ${note.name}`);
				}
			}
		}
		expect(crossings).toEqual([]);
	});
});

test('the estimate is not trivially satisfied: a long text in a small note does not fit', () => {
	expect(neededHeight('word '.repeat(200), 240)).toBeGreaterThan(160);
	expect(neededHeight('### A title\nShort.', 240)).toBeLessThan(160);
});
