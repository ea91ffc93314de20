import type { ServerResponse } from 'node:http';
import { pause, sendError, sendFakeFailure, sendJson } from './fake-openai-http.js';
import { pcm16ToBytes, synthesizeSpeechLikePcm } from './fake-speech-waveform.js';
import type {
  FakeOpenAiOptions,
  FakeSpeechRequest,
  FakeTranscriptionRequest,
} from './fake-openai-types.js';

/** Heard by default, in turn: a short booking conversation for demos. */
export const DEMO_TRANSCRIPTS: readonly string[] = [
  "Hi, I'd like to book an appointment.",
  'Tomorrow morning at ten would be great.',
  "That's all, thank you. Goodbye!",
];

/** Multipart fields plus the uploaded file, as recorded and as passed to `transcribe`. */
export interface MultipartBody {
  readonly fields: Readonly<Record<string, string>>;
  readonly file:
    { readonly name: string; readonly type: string; readonly bytes: Uint8Array } | undefined;
}

/** Parses multipart/form-data with the platform's own parser (the one `fetch` uses). */
export async function parseMultipart(
  bytes: Buffer,
  contentType: string,
): Promise<MultipartBody | undefined> {
  try {
    const form = await new Response(new Uint8Array(bytes), {
      headers: { 'content-type': contentType },
    }).formData();
    const fields: Record<string, string> = {};
    let file: MultipartBody['file'];
    for (const [name, value] of form.entries()) {
      if (typeof value === 'string') fields[name] = value;
      else if (name === 'file')
        file = {
          name: value.name,
          type: value.type,
          bytes: new Uint8Array(await value.arrayBuffer()),
        };
    }
    return { fields, file };
  } catch {
    return undefined;
  }
}

/** `POST /v1/audio/transcriptions`. */
export async function handleTranscription(
  response: ServerResponse,
  body: MultipartBody | undefined,
  options: FakeOpenAiOptions,
  index: number,
): Promise<void> {
  if (body === undefined) {
    sendError(response, 400, 'Could not parse multipart form.');
    return;
  }
  if (body.file === undefined) {
    sendError(response, 400, "Missing required parameter: 'file'.", {
      param: 'file',
      code: 'missing_required_parameter',
    });
    return;
  }
  const model = body.fields.model;
  if (model === undefined || model === '') {
    sendError(response, 400, "Missing required parameter: 'model'.", {
      param: 'model',
      code: 'missing_required_parameter',
    });
    return;
  }
  const responseFormat = body.fields.response_format ?? 'json';
  const duration = wavDurationSeconds(body.file.bytes);
  if (duration !== undefined && duration < 0.1) {
    sendError(response, 400, 'Audio file is too short. Minimum audio length is 0.1 seconds.', {
      param: 'file',
      code: 'audio_too_short',
    });
    return;
  }
  const request: FakeTranscriptionRequest = {
    model,
    language: body.fields.language,
    responseFormat,
    prompt: body.fields.prompt,
    file: body.file,
  };
  let text: string;
  try {
    const script = options.transcripts ?? DEMO_TRANSCRIPTS;
    text =
      options.transcribe !== undefined
        ? await options.transcribe(request, index)
        : (script[index % Math.max(1, script.length)] ?? '');
  } catch (error) {
    sendFakeFailure(response, 'transcriber', error);
    return;
  }
  if (responseFormat === 'text') {
    response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    response.end(text);
  } else if (responseFormat === 'verbose_json') {
    sendJson(response, 200, {
      task: 'transcribe',
      language: request.language ?? 'english',
      duration: duration ?? 0,
      text,
      segments: [],
    });
  } else if (responseFormat === 'json') {
    sendJson(response, 200, { text });
  } else {
    sendError(
      response,
      400,
      `The fake server does not produce response_format '${responseFormat}'.`,
      { param: 'response_format' },
    );
  }
}

/** `POST /v1/audio/speech`: streams `pcm` (or `wav`) in pieces of `speechChunkBytes`. */
export async function handleSpeech(
  response: ServerResponse,
  body: unknown,
  options: FakeOpenAiOptions,
  serverSignal: AbortSignal,
): Promise<void> {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  for (const param of ['model', 'input', 'voice']) {
    if (typeof record[param] !== 'string' || record[param] === '') {
      sendError(response, 400, `Missing required parameter: '${param}'.`, {
        param,
        code: 'missing_required_parameter',
      });
      return;
    }
  }
  const input = record.input as string;
  if (input.length > 4096) {
    sendError(
      response,
      400,
      "Invalid 'input': string too long. Expected a maximum length of 4096.",
      { param: 'input', code: 'string_above_max_length' },
    );
    return;
  }
  // The real default is mp3, which the fake cannot encode.
  const responseFormat = record.response_format ?? 'mp3';
  if (responseFormat !== 'pcm' && responseFormat !== 'wav') {
    sendError(
      response,
      400,
      `The fake server only produces response_format 'pcm' or 'wav', not '${String(responseFormat)}'.`,
      { param: 'response_format' },
    );
    return;
  }
  const request: FakeSpeechRequest = {
    model: record.model as string,
    input,
    voice: record.voice as string,
    responseFormat,
    speed: typeof record.speed === 'number' ? record.speed : 1,
  };
  let samples: Int16Array;
  try {
    samples =
      options.synthesize !== undefined
        ? await options.synthesize(request)
        : synthesizeSpeechLikePcm(input, {
            voice: request.voice,
            msPerCharacter: 65 / request.speed,
          });
  } catch (error) {
    sendFakeFailure(response, 'synthesizer', error);
    return;
  }
  const pcm = pcm16ToBytes(samples);
  const audio =
    responseFormat === 'wav' ? Buffer.concat([wavHeader(pcm.byteLength, 24000), pcm]) : pcm;

  const closed = new AbortController();
  response.on('close', () => closed.abort());
  const signal = AbortSignal.any([closed.signal, serverSignal]);
  response.writeHead(200, {
    'content-type': responseFormat === 'wav' ? 'audio/wav' : 'audio/pcm',
    'transfer-encoding': 'chunked',
  });
  const pieceBytes = Math.max(1, options.speechChunkBytes ?? 4800);
  for (let start = 0; start < audio.byteLength; start += pieceBytes) {
    if (start > 0 && !(await pause(options.speechChunkIntervalMs ?? 0, signal))) return;
    if (signal.aborted) return;
    response.write(audio.subarray(start, start + pieceBytes));
  }
  response.end();
}

function wavHeader(dataBytes: number, sampleRate: number): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(dataBytes, 40);
  return header;
}

/** Duration of a PCM WAV upload, or undefined for anything else (other formats pass unchecked). */
function wavDurationSeconds(bytes: Uint8Array): number | undefined {
  if (bytes.byteLength < 44) return undefined;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.toString('ascii', 0, 4) !== 'RIFF' || buffer.toString('ascii', 8, 12) !== 'WAVE')
    return undefined;
  const byteRate = buffer.readUInt32LE(28);
  let offset = 12;
  while (offset + 8 <= buffer.byteLength) {
    const chunkId = buffer.toString('ascii', offset, offset + 4);
    const chunkSize = buffer.readUInt32LE(offset + 4);
    if (chunkId === 'data')
      return byteRate > 0
        ? Math.min(chunkSize, buffer.byteLength - offset - 8) / byteRate
        : undefined;
    offset += 8 + chunkSize + (chunkSize % 2);
  }
  return undefined;
}
