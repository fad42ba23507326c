import sharp from 'sharp'

/** A photo-like JPEG: noise compresses badly, so it is heavy, as photos and busy screenshots are. */
export async function photoJpeg(width: number, height: number): Promise<Buffer> {
  const noise = Buffer.alloc(width * height * 3)
  let seed = 7
  for (let i = 0; i < noise.length; i++) noise[i] = (seed = (seed * 1103515245 + 12345) & 0x7fffffff) >> 23
  return sharp(noise, { raw: { width, height, channels: 3 } }).jpeg({ quality: 90 }).toBuffer()
}

/** A flat PNG diagram, light as diagrams are. */
export async function diagramPng(width: number, height: number): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#0b62c4"/><circle cx="${width / 2}" cy="${height / 2}" r="${height / 3}" fill="#f4a340"/><text x="20" y="60" font-size="40" fill="white">berth</text></svg>`
  return sharp(Buffer.from(svg)).png().toBuffer()
}
