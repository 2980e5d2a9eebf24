#ifndef ACCORD_CQRENCODE_SHIM_H
#define ACCORD_CQRENCODE_SHIM_H
// libqrencode (Debian's libqrencode-dev), for the QR code on the HTML letters.
#include <qrencode.h>
#endif
