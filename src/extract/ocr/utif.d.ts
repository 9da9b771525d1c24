/** The part of UTIF (a maintained pure-JS TIFF decoder, no types of its own) that OCR uses. */
declare module 'utif' {
  interface IFD {
    width: number;
    height: number;
    t256?: number[];
    t257?: number[];
    [tag: string]: unknown;
  }
  const UTIF: {
    decode(buf: ArrayBuffer | Uint8Array): IFD[];
    decodeImage(buf: ArrayBuffer | Uint8Array, ifd: IFD): void;
    toRGBA8(ifd: IFD): Uint8Array;
  };
  export default UTIF;
}
